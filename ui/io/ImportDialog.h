#pragma once

#include "ui/io/ImportJob.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QProgressBar;

// Shows an import as it runs: the file and how many requests were read, Cancel (the captures
// stored so far stay), then what was imported, the verdicts, and how many captures could not be
// rebuilt exactly. imported() follows when any capture was stored.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    // `writer`: the session's, when it writes the store (see ImportJob::start).
    ImportDialog(const QStringList &files, const QString &storePath, Durability durability,
                 CaptureContext::Snapshot context, QWidget *parent = nullptr,
                 StoreWriter *writer = nullptr);

    ImportJob *job() const { return m_job; }
    static QString summary(const ImportJob::Outcome &outcome);

Q_SIGNALS:
    void imported(qint64 firstId, qint64 lastId);

private:
    void done(const ImportJob::Outcome &outcome);

    ImportJob *m_job;
    QLabel *m_status;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
};
