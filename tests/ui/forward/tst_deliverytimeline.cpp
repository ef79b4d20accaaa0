#include "core/pipeline/CaptureSession.h"
#include "ui/forward/DeliveryTimeline.h"
#include "ui/forward/DeliveryTimelineModel.h"

#include "LocalApp.h"

#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

class TestDeliveryTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsAForwardLiveFromQueuedToDelivered();
};

void TestDeliveryTimeline::followsAForwardLiveFromQueuedToDelivered()
{
    QTemporaryDir dir;
    LocalApp app;
    QVERIFY(app.listen(QHostAddress::LocalHost));

    CaptureSession::Options options;
    options.port = 0;
    options.storePath = dir.filePath("s.sqlite");
    EndpointConfig endpoint;
    endpoint.id = "app";
    endpoint.path = "/hook";
    endpoint.forward.onlyVerified = false; // no provider here: nothing is verified
    HttpForwardTarget target;
    target.url = QUrl(app.url());
    target.timeoutMs = 120000; // the test answers when it has looked at the queued row
    endpoint.forward.http = {target};
    options.config.endpoints = {endpoint};
    CaptureSession session;
    QString error;
    QVERIFY2(session.start(options, &error), qPrintable(error));

    DeliveryTimeline timeline;
    timeline.setStorePath(options.storePath);
    connect(&session, &CaptureSession::forwardUpdated, &timeline, &DeliveryTimeline::applyEntry);
    QSignalSpy captured(&session, &CaptureSession::captured);
    QSignalSpy arrived(&app, &LocalApp::requestArrived);
    QSignalSpy forwarded(&session, &CaptureSession::forwardUpdated);

    QTcpSocket sender;
    sender.connectToHost(QHostAddress::LocalHost, session.port());
    QVERIFY(sender.waitForConnected(5000));
    sender.write("POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 13\r\n\r\n{\"type\":\"a\"}\n");
    QVERIFY(captured.wait(10000));
    const CaptureSummary summary =
        captured.first().first().value<QVector<CaptureSummary>>().first();
    timeline.setCapture(summary);

    // in flight: the local app has the request and has not answered
    if (arrived.isEmpty())
        QVERIFY(arrived.wait(10000));
    QVERIFY(app.received().startsWith("POST /in HTTP/1.1\r\n"));
    DeliveryTimelineModel *model = timeline.model();
    QCOMPARE(model->rowCount(), DeliveryTimelineModel::FixedRows + 1);
    const QModelIndex forward = model->index(2, DeliveryTimelineModel::StateColumn);
    QCOMPARE(forward.data(DeliveryTimelineModel::StateRole).toString(), QString("queued"));
    QCOMPARE(model->index(2, DeliveryTimelineModel::StepColumn).data().toString(),
             "Local app " + app.url());
    QCOMPARE(model->index(1, DeliveryTimelineModel::StateColumn).data().toString(),
             QString("not verified"));
    QCOMPARE(forwarded.count(), 0);

    app.answer("HTTP/1.1 201 Created\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    QVERIFY(forwarded.wait(10000));
    QCOMPARE(forwarded.first().first().value<OutboxEntry>().state, OutboxEntry::State::Delivered);
    QCOMPARE(forward.data(DeliveryTimelineModel::StateRole).toString(), QString("delivered"));
    QVERIFY(model->index(2, DeliveryTimelineModel::DetailColumn)
                .data()
                .toString()
                .contains("the local app answered HTTP 201"));

    timeline.view()->setCurrentIndex(model->index(2, 0));
    QVERIFY2(timeline.responseView()->toPlainText().contains("hello"),
             qPrintable(timeline.responseView()->toPlainText()));
}

QTEST_MAIN(TestDeliveryTimeline)
#include "tst_deliverytimeline.moc"
