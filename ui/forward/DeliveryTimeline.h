#pragma once

#include "core/capture/CaptureSummary.h"
#include "core/store/OutboxEntry.h"

#include <QWidget>

class DeliveryTimelineModel;
class QLabel;
class QPlainTextEdit;
class QTableView;

// The inspector's Delivery tab: the capture's timeline (DeliveryTimelineModel) above the local
// app's response of the selected forward.
class DeliveryTimeline : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveryTimeline(QWidget *parent = nullptr);

    void setStorePath(const QString &path);
    void setCapture(const CaptureSummary &summary);
    void clear();
    void applyEntry(const OutboxEntry &entry);
    // Dead rows queued again by hand (CaptureSession::forwardsRequeued).
    void onRequeued(const QVector<qint64> &captureIds, bool allDead);

    DeliveryTimelineModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPlainTextEdit *responseView() const { return m_response; }

private:
    void showResponseOf(int row);

    DeliveryTimelineModel *m_model;
    QTableView *m_view;
    QLabel *m_responseLabel;
    QPlainTextEdit *m_response;
};
