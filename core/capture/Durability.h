#pragma once

// What a committed capture survives (the config's listen.durability). The store is never
// corrupted by either event in either mode; the modes differ in whether the last commits before
// the event may be rolled back.
enum class Durability
{
    // "process": SQLite synchronous=NORMAL. A commit has reached the operating system (the WAL
    // write returned) before the sender is answered, so it survives the process being killed
    // (kill -9, a crash). A power loss or an OS crash may roll back the commits made since the
    // last checkpoint.
    Process,
    // "power": SQLite synchronous=FULL. The WAL is fsynced at every commit before the sender is
    // answered, so a commit also survives a power loss or an OS crash (given a disk that honours
    // flushes). Each commit waits for the disk.
    Power,
};
