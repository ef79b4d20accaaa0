#pragma once

#include <QString>
#include <functional>

// A consistent copy of a store file (File > Save Store As), made with SQLite's backup API from
// one read snapshot, so captures committed meanwhile by the writer neither restart nor tear it.
// The copy is written beside the target as `<target>.part` and renamed over it when complete;
// a cancelled or failed copy leaves the target as it was. The target's own WAL, shared memory
// and search index files are removed (the index is rebuilt for the copy when it is opened). The
// files of its large captures (LargeCaptureFiles) go with it, into the copy's folder.
class StoreCopier
{
public:
    static constexpr int PagesPerStep = 256;
    // After each step: bytes copied and the total; returning false cancels.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    // On the calling thread (a worker's). False with *error; *cancelled when Progress said so.
    static bool copy(const QString &from, const QString &to, const Progress &progress,
                     QString *error, bool *cancelled = nullptr);
};
