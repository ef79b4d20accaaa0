#pragma once

#include "core/capture/RetentionLimits.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

class CaptureSession;
class QAction;
class QMenu;
class QWidget;
class RecentStores;
class RequestListModel;
class StoreMerger;

// The File menu's store files (issue 10): Save Store As… (a consistent copy made on a worker
// thread by StoreCopier, with progress and Cancel, then opened), Open Recent (RecentStores),
// Merge Store Into This… (StoreMerger's batches through the session's one writer, each its own
// transaction, with progress and Cancel) and Retention… (RetentionDialog; the window saves the
// config).
class StoreFileActions : public QObject
{
    Q_OBJECT
public:
    using OpenStore = std::function<bool(const QString &path)>;
    using Retention = std::function<RetentionLimits()>; // as configured now

    StoreFileActions(QMenu *fileMenu, CaptureSession *session, RequestListModel *model,
                     OpenStore openStore, Retention retention, QWidget *window);
    ~StoreFileActions() override; // a copy still running is cancelled and waited for

    void saveAs(const QString &to);  // the open store, copied to `to`, then opened
    void merge(const QString &from); // every capture of `from` into the open store
    QProgressDialog *progress() const { return m_progress; } // of the job running, if any
    RecentStores *recent() const { return m_recent; }
    bool isBusy() const { return m_progress != nullptr; }

Q_SIGNALS:
    void told(const QString &message, int timeoutMs);
    void retentionChosen(const RetentionLimits &limits); // to save in the config and apply
    void saveFinished(bool ok, const QString &message);
    void mergeFinished(bool ok, const QString &message);

private:
    QProgressDialog *startProgress(const QString &label);
    void endProgress();
    void onCopied(const QString &to, bool ok, bool cancelled, const QString &error);
    void mergeNext();
    void mergeDone(bool ok, const QString &error);

    CaptureSession *m_session;
    RequestListModel *m_model;
    OpenStore m_openStore;
    Retention m_retention;
    QWidget *m_window;
    RecentStores *m_recent;
    QPointer<QProgressDialog> m_progress;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QThread *m_copy = nullptr;
    std::shared_ptr<StoreMerger> m_merger;
};
