#pragma once

#include <QDialog>

class CaptureSession;
class DeadLetterModel;
class QLabel;
class QPushButton;
class QTableView;

// The dead forwards of the open store, with "Retry selected" and "Retry all": both go through
// the session's writer (CaptureSession::retryForwards), which queues the rows again for the
// forward stage; the list follows the store as outcomes and retries are stored.
class DeadLetterDialog : public QDialog
{
    Q_OBJECT
public:
    DeadLetterDialog(CaptureSession *session, const QString &storePath, QWidget *parent = nullptr);

    DeadLetterModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPushButton *retrySelectedButton() const { return m_retrySelected; }
    QPushButton *retryAllButton() const { return m_retryAll; }

Q_SIGNALS:
    void showCaptureRequested(qint64 captureId);

private:
    void retrySelected();
    void updateState();

    CaptureSession *m_session;
    DeadLetterModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QPushButton *m_retrySelected;
    QPushButton *m_retryAll;
};
