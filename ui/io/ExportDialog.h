#pragma once

#include "ui/io/ExportJob.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QItemSelectionModel;
class QLabel;
class QLineEdit;
class QProgressBar;
class QRadioButton;
class RequestListModel;

// File ▸ Export…: the format (HAR, JSONL, raw request files into a folder, a curl script), which
// captures (the selected ones, the list as it is filtered or searched, or the whole store), and
// whether signatures and secrets are redacted; then the export runs (ExportJob) with progress
// and Cancel, and a cancelled export leaves no file.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Scope
    {
        Selected,
        Filtered,
        All
    };

    // `context` holds the secrets redaction replaces (the app's, already loaded).
    ExportDialog(const RequestListModel *model, const QItemSelectionModel *selection,
                 CaptureContext::Snapshot context, QWidget *parent = nullptr);

    void setFormat(ExportJob::Format format);
    ExportJob::Format format() const;
    void setScope(Scope scope);
    void setRedact(bool redact);
    void setTarget(const QString &path);
    QString target() const;
    QVector<qint64> idsOf(Scope scope) const;
    void startExport(); // the Export button
    ExportJob *job() const { return m_job; }
    QString status() const;

Q_SIGNALS:
    void exported(const QString &target);

private:
    void chooseTarget();
    void formatChanged();
    void done(const ExportJob::Outcome &outcome);
    void setBusy(bool busy);

    const RequestListModel *m_model;
    const QItemSelectionModel *m_selection;
    CaptureContext::Snapshot m_context;
    ExportJob *m_job;
    QComboBox *m_format;
    QRadioButton *m_scopes[3];
    QCheckBox *m_redact;
    QLineEdit *m_target;
    QLabel *m_status;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
};
