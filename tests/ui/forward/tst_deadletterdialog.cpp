#include "core/pipeline/CaptureSession.h"
#include "core/store/CaptureStore.h"
#include "core/store/ForwardOutbox.h"
#include "ui/forward/DeadLetterDialog.h"
#include "ui/forward/DeadLetterModel.h"

#include "DeadForwards.h"
#include "LocalApp.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

class TestDeadLetterDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void retrySelectedQueuesItsForwardAgain();
    void retryAllQueuesEveryDeadForward();

private:
    OutboxEntry::State stateOf(qint64 captureId) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalApp> m_app; // accepts and never answers: a retried row stays queued
    std::unique_ptr<CaptureSession> m_session;
    QString m_path;
    QVector<qint64> m_ids;
};

void TestDeadLetterDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath("s.sqlite");
    m_app = std::make_unique<LocalApp>();
    QVERIFY(m_app->listen(QHostAddress::LocalHost));
    m_ids = writeDeadForwards(m_path, m_app->url(), 3);
    QCOMPARE(m_ids.size(), 3);

    AppConfig config;
    EndpointConfig endpoint;
    endpoint.id = "app";
    endpoint.path = "/hook";
    HttpForwardTarget target;
    target.url = QUrl(m_app->url());
    target.timeoutMs = 120000; // the app never answers while the test looks
    endpoint.forward.http = {target};
    config.endpoints = {endpoint};
    m_session = std::make_unique<CaptureSession>();
    m_session->setConfig(config);
    QString error;
    QVERIFY2(m_session->open(m_path, &error), qPrintable(error));
}

void TestDeadLetterDialog::cleanup()
{
    m_session.reset();
    m_app.reset();
    m_dir.reset();
}

OutboxEntry::State TestDeadLetterDialog::stateOf(qint64 captureId) const
{
    CaptureStore reader;
    if (!reader.openReadOnly(m_path))
        return OutboxEntry::State::Skipped;
    return ForwardOutbox(reader).list(captureId, nullptr).value(0).state;
}

void TestDeadLetterDialog::retrySelectedQueuesItsForwardAgain()
{
    DeadLetterDialog dialog(m_session.get(), m_path);
    DeadLetterModel *model = dialog.model();
    QCOMPARE(model->rowCount(), 3);
    QVERIFY(!dialog.retrySelectedButton()->isEnabled()); // nothing selected yet
    QVERIFY(dialog.retryAllButton()->isEnabled());

    // the middle capture
    const int row = 1;
    QCOMPARE(model->index(row, 0).data(DeadLetterModel::CaptureIdRole).toLongLong(), m_ids.at(1));
    dialog.view()->selectRow(row);
    QVERIFY(dialog.retrySelectedButton()->isEnabled());
    QSignalSpy requeued(m_session.get(), &CaptureSession::forwardsRequeued);
    QSignalSpy arrived(m_app.get(), &LocalApp::requestArrived);
    QTest::mouseClick(dialog.retrySelectedButton(), Qt::LeftButton);
    QVERIFY(requeued.wait(10000));
    QCOMPARE(requeued.first().at(0).value<QVector<qint64>>(), QVector<qint64>{m_ids.at(1)});
    QCOMPARE(requeued.first().at(1).toBool(), false);

    QTRY_COMPARE(model->rowCount(), 2); // the list follows the store
    for (int r = 0; r < model->rowCount(); ++r)
        QVERIFY(model->index(r, 0).data(DeadLetterModel::CaptureIdRole).toLongLong() !=
                m_ids.at(1));
    QCOMPARE(stateOf(m_ids.at(1)), OutboxEntry::State::Queued);
    QCOMPARE(stateOf(m_ids.at(0)), OutboxEntry::State::Dead);
    // and the forward stage sends it again
    if (arrived.isEmpty()) // it may have arrived while the list was waited for
        QVERIFY(arrived.wait(10000));
    QVERIFY(m_app->received().startsWith("POST /in HTTP/1.1\r\n"));
}

void TestDeadLetterDialog::retryAllQueuesEveryDeadForward()
{
    DeadLetterDialog dialog(m_session.get(), m_path);
    QCOMPARE(dialog.model()->rowCount(), 3);
    QSignalSpy requeued(m_session.get(), &CaptureSession::forwardsRequeued);
    QTest::mouseClick(dialog.retryAllButton(), Qt::LeftButton);
    QVERIFY(requeued.wait(10000));
    QCOMPARE(requeued.first().at(1).toBool(), true);
    QTRY_COMPARE(dialog.model()->rowCount(), 0);
    QVERIFY(!dialog.retryAllButton()->isEnabled());
    for (const qint64 id : std::as_const(m_ids))
        QCOMPARE(stateOf(id), OutboxEntry::State::Queued);
}

QTEST_MAIN(TestDeadLetterDialog)
#include "tst_deadletterdialog.moc"
