#pragma once

struct sqlite3;

// How a connection waits for a lock another connection holds. SQLite's own busy timeout sleeps
// 1, 2, 5, 10, 15, 20, 25… ms between attempts, so a commit that meets a checkpoint holding the
// write lock for 3 ms waits 8 ms (measured under a sustained load: ~13 such waits a second,
// 8–65 ms each, a quarter of the writer's commit time). This waits in short steps (FineStepUs) for
// the first FineForMs, then in steps of CoarseStepMs, up to `timeoutMs` in all.
class BusyWait
{
public:
    static constexpr int FineStepUs = 100;
    static constexpr int FineForMs = 50;
    static constexpr int CoarseStepMs = 2;

    // Replaces `db`'s busy handler (and any busy timeout).
    static void install(sqlite3 *db, int timeoutMs);
};
