#include "ui/window/StoreFileActions.h"

#include "core/pipeline/CaptureSession.h"
#include "core/store/StoreCopier.h"
#include "core/store/StoreMerger.h"
#include "ui/list/RequestListModel.h"
#include "ui/window/RecentStores.h"
#include "ui/window/RetentionDialog.h"

#include <QAction>
#include <QFileDialog>
#include <QMenu>
#include <QProgressDialog>
#include <QThread>

StoreFileActions::StoreFileActions(QMenu *fileMenu, CaptureSession *session,
                                   RequestListModel *model, OpenStore openStore,
                                   Retention retention, QWidget *window)
    : QObject(window), m_session(session), m_model(model), m_openStore(std::move(openStore)),
      m_retention(std::move(retention)), m_window(window)
{
    QMenu *recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    recentMenu->setObjectName(QStringLiteral("recentStores"));
    m_recent = new RecentStores(recentMenu, this);
    connect(m_recent, &RecentStores::openRequested, this,
            [this](const QString &path) { m_openStore(path); });

    QAction *saveCopy = fileMenu->addAction(tr("Save Store &As…"), this, [this] {
        const QString to = QFileDialog::getSaveFileName(
            m_window, tr("Save a copy of the store as"), m_session->storePath(),
            tr("Hookbench stores (*.sqlite *.db);;All files (*)"));
        if (!to.isEmpty())
            this->saveAs(to);
    });
    saveCopy->setObjectName(QStringLiteral("saveStoreAs"));
    saveCopy->setShortcut(QKeySequence::SaveAs);
    QAction *merge = fileMenu->addAction(tr("&Merge Store Into This…"), this, [this] {
        const QString from =
            QFileDialog::getOpenFileName(m_window, tr("Merge the captures of"), QString(),
                                         tr("Hookbench stores (*.sqlite *.db);;All files (*)"));
        if (!from.isEmpty())
            this->merge(from);
    });
    merge->setObjectName(QStringLiteral("mergeStore"));
    fileMenu->addSeparator();
    QAction *keep = fileMenu->addAction(tr("Re&tention…"), this, [this] {
        auto *dialog = new RetentionDialog(m_retention(), m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this,
                [this, dialog] { Q_EMIT retentionChosen(dialog->limits()); });
        dialog->open();
    });
    keep->setObjectName(QStringLiteral("editRetention"));
}

StoreFileActions::~StoreFileActions()
{
    if (m_copy) {
        *m_cancel = true;
        m_copy->wait();
    }
}

QProgressDialog *StoreFileActions::startProgress(const QString &label)
{
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    auto *dialog = new QProgressDialog(label, tr("Cancel"), 0, 1000, m_window);
    dialog->setObjectName(QStringLiteral("storeFileProgress"));
    dialog->setWindowTitle(tr("Hookbench"));
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setMinimumDuration(0);
    connect(dialog, &QProgressDialog::canceled, this, [cancel = m_cancel] { *cancel = true; });
    m_progress = dialog;
    // Not modal: a modal QProgressDialog runs the event loop inside setValue().
    dialog->setWindowModality(Qt::NonModal);
    dialog->show();
    return dialog;
}

void StoreFileActions::endProgress()
{
    if (m_progress)
        m_progress->deleteLater();
    m_progress = nullptr;
}

void StoreFileActions::saveAs(const QString &to)
{
    if (isBusy() || !m_session->isOpen())
        return;
    const QString from = m_session->storePath();
    startProgress(tr("Copying %1 to %2…").arg(from, to));
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancel;
    QPointer<StoreFileActions> self(this);
    m_copy = QThread::create([self, from, to, cancel] {
        const auto progress = [self, cancel](qint64 done, qint64 total) {
            QMetaObject::invokeMethod(self, [self, done, total] {
                if (self && self->m_progress)
                    self->m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
            });
            return !*cancel;
        };
        QString error;
        bool cancelled = false;
        const bool ok = StoreCopier::copy(from, to, progress, &error, &cancelled);
        QMetaObject::invokeMethod(self, [self, to, ok, cancelled, error] {
            if (self)
                self->onCopied(to, ok, cancelled, error);
        });
    });
    connect(m_copy, &QThread::finished, m_copy, &QObject::deleteLater);
    connect(m_copy, &QThread::finished, this, [this] { m_copy = nullptr; });
    m_copy->start();
}

void StoreFileActions::onCopied(const QString &to, bool ok, bool cancelled, const QString &error)
{
    endProgress();
    const QString message = ok ? tr("Saved a copy as %1; it is open now").arg(to)
                               : (cancelled ? tr("Save As cancelled; nothing was written") : error);
    if (ok)
        m_openStore(to);
    Q_EMIT told(message, 8000);
    Q_EMIT saveFinished(ok, message);
}

void StoreFileActions::merge(const QString &from)
{
    if (isBusy() || !m_session->isOpen())
        return;
    auto merger = std::make_shared<StoreMerger>(from);
    QString error;
    if (!merger->open(m_session->storePath(), &error)) {
        Q_EMIT told(error, 8000);
        Q_EMIT mergeFinished(false, error);
        return;
    }
    m_merger = merger;
    startProgress(tr("Merging the %n capture(s) of %1…", nullptr, int(merger->total())).arg(from));
    mergeNext();
}

void StoreFileActions::mergeNext()
{
    const std::shared_ptr<StoreMerger> merger = m_merger;
    if (m_progress)
        m_progress->setValue(merger->total() > 0 ? int(merger->done() * 1000 / merger->total())
                                                 : 1000);
    if (merger->atEnd() || *m_cancel || (m_progress && m_progress->wasCanceled())) {
        mergeDone(true, QString());
        return;
    }
    QPointer<StoreFileActions> self(this);
    // One batch a job: the writer stores the listener's captures between them.
    m_session->write([self, merger](CaptureStore &store) {
        QString error;
        const bool ok = merger->nextBatch(store, &error);
        QMetaObject::invokeMethod(self, [self, ok, error] {
            if (!self)
                return;
            if (ok)
                self->mergeNext();
            else
                self->mergeDone(false, error);
        });
        return true; // said by mergeDone
    });
}

void StoreFileActions::mergeDone(bool ok, const QString &error)
{
    const std::shared_ptr<StoreMerger> merger = std::move(m_merger);
    const bool cancelled = ok && !merger->atEnd();
    endProgress();
    m_model->setFilter(m_model->filter()); // the new rows are read
    QString message;
    if (!ok)
        message = tr("%1 (%2 captures merged before it)").arg(error).arg(merger->copied());
    else if (cancelled)
        message = tr("Merge cancelled: %1 capture(s) merged, %2 already here")
                      .arg(merger->copied())
                      .arg(merger->skipped());
    else
        message = tr("Merged %1 capture(s); %2 already here were skipped")
                      .arg(merger->copied())
                      .arg(merger->skipped());
    Q_EMIT told(message, 8000);
    Q_EMIT mergeFinished(ok && !cancelled, message);
}
