#include "ui/window/CaptureInspector.h"

#include "ui/forward/DeliveryTimeline.h"
#include "ui/forward/RulesPanel.h"
#include "ui/headers/HeadersModel.h"
#include "ui/io/ImportOriginText.h"
#include "ui/raw/ByteSpanMetaType.h"
#include "ui/raw/ByteView.h"
#include "ui/verdict/VerdictPanel.h"
#include "ui/window/BodyPane.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QWidget *titled(const QString &title, QWidget *top, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(title), box);
    layout->addWidget(label);
    if (top)
        layout->addWidget(top);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

CaptureInspector::CaptureInspector(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_verdict(new VerdictPanel(this)),
      m_rawMode(new QTabBar(this)), m_raw(new ByteView(this)), m_headers(new HeadersModel(this)),
      m_headersView(new QTableView(this)), m_body(new BodyPane(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)), m_delivery(new DeliveryTimeline(this)),
      m_rules(new RulesPanel(this)), m_tabs(new QTabWidget(this))
{
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true); // an imported capture's origin can be long
    m_rawMode->addTab(tr("Text"));
    m_rawMode->addTab(tr("Hex"));
    m_raw->setMode(ByteView::Mode::Text);
    m_raw->setObjectName(QStringLiteral("rawView"));
    m_headersView->setModel(m_headers);
    m_headersView->setObjectName(QStringLiteral("headersView"));
    m_headersView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_headersView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_headersView->horizontalHeader()->setStretchLastSection(true);
    m_headersView->verticalHeader()->hide();
    m_headersView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_headersView->setWordWrap(false);

    m_splitter->setObjectName(QStringLiteral("inspectorSplitter"));
    m_splitter->addWidget(titled(tr("Raw"), m_rawMode, m_raw, m_splitter));
    m_splitter->addWidget(titled(tr("Headers"), nullptr, m_headersView, m_splitter));
    m_splitter->addWidget(titled(tr("Body"), nullptr, m_body, m_splitter));
    m_splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_verdict);
    m_tabs->setObjectName(QStringLiteral("inspectorTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_splitter, tr("Request"));
    m_tabs->addTab(m_delivery, tr("Delivery"));
    m_tabs->addTab(m_rules, tr("Rules"));
    layout->addWidget(m_tabs, 1);

    connect(m_rawMode, &QTabBar::currentChanged, this, [this](int tab) {
        m_raw->setMode(tab == 1 ? ByteView::Mode::Hex : ByteView::Mode::Text);
    });
    connect(m_raw, &ByteView::byteClicked, this, &CaptureInspector::onRawClicked);
    connect(m_headersView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CaptureInspector::onHeaderSelected);
    connect(m_body, &BodyPane::bodySpanSelected, this, &CaptureInspector::onBodySpanSelected);
    connect(m_verdict, &VerdictPanel::showSignedBytesRequested, this, [this] {
        if (m_current && m_current->verdict)
            highlightRaw(signedSpans(*m_current->verdict));
    });
    showMessage(tr("Select a request to see its bytes, headers and body."));
}

void CaptureInspector::showMessage(const QString &message)
{
    m_current.reset();
    m_title->setText(message);
    m_raw->setData({});
    m_headers->setHeaders({});
    m_body->clear();
    m_verdict->clear();
    m_delivery->clear();
    m_rules->clear();
}

void CaptureInspector::setStorePath(const QString &path)
{
    m_delivery->setStorePath(path);
}

void CaptureInspector::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

QList<ByteSpan> CaptureInspector::signedSpans(const Verdict &verdict)
{
    QList<ByteSpan> spans;
    if (!verdict.signatureHeaderLine.isEmpty())
        spans.append(verdict.signatureHeaderLine);
    spans += verdict.bodyRawSpans;
    return spans;
}

void CaptureInspector::show(std::shared_ptr<const CaptureLoader::Result> capture)
{
    m_current = std::move(capture);
    const Capture &c = m_current->capture;
    QString title =
        QStringLiteral("#%1  %2 %3  ·  %4 bytes from %5")
            .arg(c.summary.id)
            .arg(QString::fromLatin1(c.summary.method), QString::fromUtf8(c.summary.target))
            .arg(c.raw.size())
            .arg(c.summary.peer);
    if (c.parsed.hasError())
        title += tr("  ·  <b>malformed</b> at byte %1: %2")
                     .arg(c.parsed.errorOffset)
                     .arg(c.parsed.error.toHtmlEscaped());
    if (!m_current->origin.isEmpty()) // what an import could not rebuild
        title +=
            QStringLiteral("<br>") + ImportOriginText::sentence(m_current->origin).toHtmlEscaped();
    m_title->setText(title);
    m_raw->setData(c.raw);
    if (c.parsed.hasError() && c.parsed.errorOffset >= 0) {
        m_raw->setHighlights({{c.parsed.errorOffset, 1}});
        m_raw->ensureVisible(c.parsed.errorOffset);
    }
    if (m_current->verdict) {
        m_verdict->showVerdict(*m_current->verdict);
        const QString now = m_current->verdict->reasonCode();
        if (!m_current->storedReason.isEmpty() && m_current->storedReason != now &&
            !CaptureVerifier::replaces(now, m_current->storedReason))
            m_title->setText(m_title->text() +
                             tr("  ·  recorded verdict: <b>%1</b> (reached with a secret this "
                                "window does not have)")
                                 .arg(m_current->storedReason.toHtmlEscaped()));
        if (!c.parsed.hasError() && !m_current->verdict->signatureHeaderLine.isEmpty())
            m_raw->setHighlights({m_current->verdict->signatureHeaderLine});
    } else {
        m_verdict->clear();
    }
    m_headers->setHeaders(c.parsed.headers);
    m_headersView->resizeColumnToContents(HeadersModel::NameColumn);
    if (m_current->verdict && !m_current->verdict->signatureHeaderLine.isEmpty()) {
        // the signature header is the one to look at first, in both panes
        const int row = m_headers->rowForOffset(m_current->verdict->signatureHeaderLine.offset);
        m_syncing = true;
        m_headersView->setCurrentIndex(m_headers->index(row, HeadersModel::NameColumn));
        m_syncing = false;
    }
    m_body->show(m_current->body);
    m_delivery->setCapture(c.summary);
    m_rules->show(c, m_current->verdictJson);
}

void CaptureInspector::highlightRaw(const QList<ByteSpan> &spans)
{
    m_raw->setHighlights(spans);
    if (!spans.isEmpty())
        m_raw->ensureVisible(spans.first().offset);
}

void CaptureInspector::onHeaderSelected(const QModelIndex &index)
{
    if (m_syncing || !index.isValid())
        return;
    highlightRaw({index.data(HeadersModel::SpanRole).value<ByteSpan>()});
}

void CaptureInspector::onBodySpanSelected(ByteSpan span)
{
    if (m_syncing || !m_current)
        return;
    if (m_current->body.contentDecoded) { // decoded bytes have no place in the raw request
        highlightRaw(m_current->capture.parsed.bodySegments);
        return;
    }
    highlightRaw(m_current->capture.parsed.rawSpansOfBody(span));
}

void CaptureInspector::onRawClicked(qint64 offset)
{
    if (!m_current)
        return;
    const ParsedRequest &parsed = m_current->capture.parsed;
    m_syncing = true;
    const int headerRow = m_headers->rowForOffset(offset);
    if (headerRow >= 0) {
        m_headersView->setCurrentIndex(m_headers->index(headerRow, 0));
        m_raw->setHighlights({m_headers->headers().at(headerRow).lineSpan});
    } else if (const qint64 bodyOffset = parsed.bodyOffsetOfRaw(offset);
               bodyOffset >= 0 && !m_current->body.contentDecoded) {
        m_headersView->clearSelection();
        const ByteSpan item = m_body->selectBodyOffset(bodyOffset);
        m_raw->setHighlights(item.isEmpty() ? QList<ByteSpan>() : parsed.rawSpansOfBody(item));
    }
    m_syncing = false;
}
