#pragma once

#include "ui/window/CaptureLoader.h"

#include <QWidget>
#include <memory>

class BodyPane;
class ByteView;
class DeliveryTimeline;
class RulesPanel;
class QTabWidget;
class HeadersModel;
class QLabel;
class QSplitter;
class QTableView;
class QTabBar;
class VerdictPanel;

// The three panes for one capture, side by side: raw bytes (text/hex), headers, parsed body,
// with selections linked: a header or body item highlights its bytes, a click on bytes selects
// the header or item that holds them. Beside them, in tabs, the capture's delivery timeline and
// its endpoint's rules judged on the event it puts on the bus.
class CaptureInspector : public QWidget
{
    Q_OBJECT
public:
    explicit CaptureInspector(QWidget *parent = nullptr);

    void show(std::shared_ptr<const CaptureLoader::Result> capture);
    void showMessage(const QString &message);
    QSplitter *splitter() const { return m_splitter; }
    ByteView *rawView() const { return m_raw; }
    QTableView *headersView() const { return m_headersView; }
    BodyPane *bodyPane() const { return m_body; }
    VerdictPanel *verdictPanel() const { return m_verdict; }
    DeliveryTimeline *deliveryTimeline() const { return m_delivery; }
    RulesPanel *rulesPanel() const { return m_rules; }
    // The tabs below the verdict: the request's panes, its delivery timeline, its rules.
    enum class Tab
    {
        Request,
        Delivery,
        Rules
    };
    void showTab(Tab tab);
    QTabWidget *tabs() const { return m_tabs; }
    void setStorePath(const QString &path); // where the delivery timeline reads forwards
    const CaptureLoader::Result *current() const { return m_current.get(); }

private:
    void highlightRaw(const QList<ByteSpan> &spans);
    static QList<ByteSpan> signedSpans(const Verdict &verdict);
    void onRawClicked(qint64 offset);
    void onHeaderSelected(const QModelIndex &index);
    void onBodySpanSelected(ByteSpan span);

    std::shared_ptr<const CaptureLoader::Result> m_current;
    QLabel *m_title;
    VerdictPanel *m_verdict;
    QTabBar *m_rawMode;
    ByteView *m_raw;
    HeadersModel *m_headers;
    QTableView *m_headersView;
    BodyPane *m_body;
    QSplitter *m_splitter;
    DeliveryTimeline *m_delivery;
    RulesPanel *m_rules;
    QTabWidget *m_tabs;
    bool m_syncing = false;
};
