#include "ui/compare/CompareWindow.h"

#include "ui/compare/HeaderCompareModel.h"
#include "ui/compare/JsonDifferenceModel.h"
#include "ui/raw/ByteView.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QTableView *table(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

CompareWindow::CompareWindow(QWidget *parent)
    : QWidget(parent, Qt::Window), m_sides(new QLabel(this)), m_summary(new QLabel(this)),
      m_tabs(new QTabWidget(this)), m_headerModel(new HeaderCompareModel(this)),
      m_headerView(table(m_headerModel, this)), m_jsonModel(new JsonDifferenceModel(this)),
      m_jsonView(table(m_jsonModel, this)), m_jsonSummary(new QLabel(this)),
      m_leftBytes(new ByteView(this)), m_rightBytes(new ByteView(this)),
      m_bodyNote(new QLabel(this))
{
    setObjectName(QStringLiteral("compareWindow"));
    setWindowTitle(tr("Compare"));
    resize(1100, 700);
    m_sides->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headerView->setObjectName(QStringLiteral("compareHeaders"));
    m_tabs->addTab(m_headerView, tr("&Headers"));
    m_tabs->addTab(buildBodyTab(), tr("&Body Bytes"));
    m_tabs->addTab(buildJsonTab(), tr("&JSON"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_sides);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    auto *close = new QAction(this);
    close->setShortcut(QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);
}

QWidget *CompareWindow::buildBodyTab()
{
    auto *page = new QWidget(this);
    auto *next = new QPushButton(tr("&Next Difference"), page);
    next->setObjectName(QStringLiteral("nextDifference"));
    next->setShortcut(QKeySequence(Qt::Key_F8));
    next->setToolTip(tr("Scroll both sides to the next differing bytes (F8)"));
    connect(next, &QPushButton::clicked, this, &CompareWindow::nextDifference);
    auto *text = new QPushButton(tr("&Text"), page);
    text->setCheckable(true);
    connect(text, &QPushButton::toggled, this, [this](bool on) {
        m_leftBytes->setMode(on ? ByteView::Mode::Text : ByteView::Mode::Hex);
        m_rightBytes->setMode(on ? ByteView::Mode::Text : ByteView::Mode::Hex);
    });
    m_bodyNote->setWordWrap(true);
    m_leftBytes->setObjectName(QStringLiteral("leftBytes"));
    m_rightBytes->setObjectName(QStringLiteral("rightBytes"));
    auto *split = new QSplitter(Qt::Horizontal, page);
    split->addWidget(m_leftBytes);
    split->addWidget(m_rightBytes);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_bodyNote, 1);
    bar->addWidget(text);
    bar->addWidget(next);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    return page;
}

QWidget *CompareWindow::buildJsonTab()
{
    auto *page = new QWidget(this);
    m_jsonSummary->setObjectName(QStringLiteral("jsonSummary"));
    m_jsonSummary->setWordWrap(true);
    m_jsonView->setObjectName(QStringLiteral("compareJson"));
    m_jsonView->setToolTip(tr("Double-click a difference to see its bytes"));
    connect(m_jsonView, &QTableView::activated, this,
            [this](const QModelIndex &index) { showJsonDifference(index.row()); });
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_jsonSummary);
    layout->addWidget(m_jsonView, 1);
    return page;
}

QString CompareWindow::describe(const Capture &capture)
{
    const CaptureSummary &s = capture.summary;
    const QString when =
        QDateTime::fromMSecsSinceEpoch(s.receivedAtUs / 1000).toString(Qt::ISODateWithMs);
    return tr("#%1 %2 %3 at %4%5")
        .arg(s.id)
        .arg(QString::fromLatin1(s.method), QString::fromLatin1(s.target), when,
             s.endpointId.isEmpty() ? QString() : tr(" on %1").arg(s.endpointId));
}

void CompareWindow::setResult(std::shared_ptr<const CompareLoader::Result> result)
{
    m_result = std::move(result);
    const CompareLoader::Result &r = *m_result;
    const CaptureComparison &c = r.comparison;
    setWindowTitle(tr("Compare #%1 with #%2").arg(r.left.summary.id).arg(r.right.summary.id));
    m_sides->setText(tr("Left: %1\nRight: %2").arg(describe(r.left), describe(r.right)));

    QStringList lines;
    if (!c.requestLineChange().isEmpty())
        lines.append(tr("Request line: %1").arg(c.requestLineChange()));
    lines.append(tr("Headers: %1").arg(c.headers().summary()));
    lines.append(tr("Body: %1").arg(c.body().summary()));
    if (c.json())
        lines.append(tr("JSON: %1").arg(c.json()->summary()));
    m_summary->setText(lines.join(QLatin1Char('\n')));

    m_headerModel->setHeaders(r.left.parsed.headers, r.right.parsed.headers, c.headers());
    m_headerView->resizeColumnsToContents();

    m_leftBytes->setData(c.leftBody());
    m_rightBytes->setData(c.rightBody());
    m_leftBytes->setHighlights(c.body().leftSpans());
    m_rightBytes->setHighlights(c.body().rightSpans());
    m_bodyNote->setText(c.body().note().isEmpty() ? c.body().summary() : c.body().note());
    m_hunk = -1;

    const int jsonTab = int(Tab::Json);
    m_tabs->setTabEnabled(jsonTab, c.json().has_value());
    m_jsonModel->setDiff(c.json().value_or(JsonDiff()));
    QString json = c.json() ? c.json()->summary() : tr("Neither body is JSON");
    if (c.json() && c.json()->unlisted() > 0)
        json += tr(" (the first %1 differences are listed, %2 more are not)")
                    .arg(JsonDiff::MaxDifferences)
                    .arg(c.json()->unlisted());
    m_jsonSummary->setText(json);
    m_jsonView->resizeColumnsToContents();
    // open where the news is: the JSON when it tells more than bytes, else the bytes or headers
    if (c.json() && c.json()->bothJson() && !c.json()->identicalText())
        showTab(Tab::Json);
    else if (!c.body().hunks().isEmpty())
        showTab(Tab::Body);
    else
        showTab(Tab::Headers);
}

void CompareWindow::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

CompareWindow::Tab CompareWindow::currentTab() const
{
    return Tab(m_tabs->currentIndex());
}

void CompareWindow::nextDifference()
{
    if (!m_result || m_result->comparison.body().hunks().isEmpty())
        return;
    const auto &hunks = m_result->comparison.body().hunks();
    m_hunk = (m_hunk + 1) % int(hunks.size());
    showTab(Tab::Body);
    m_leftBytes->ensureVisible(qMin(hunks[m_hunk].left.offset, m_leftBytes->data().size() - 1));
    m_rightBytes->ensureVisible(qMin(hunks[m_hunk].right.offset, m_rightBytes->data().size() - 1));
}

void CompareWindow::showJsonDifference(int row)
{
    if (!m_result || row < 0 || row >= m_jsonModel->rowCount())
        return;
    const JsonDiff::Difference &d = m_jsonModel->difference(row);
    const CaptureComparison &c = m_result->comparison;
    showTab(Tab::Body);
    if (c.jsonDecoded())
        return; // its spans are offsets in the decoded text, not in these bytes
    if (!d.leftSpan.isEmpty() && d.leftSpan.end() <= c.leftBody().size())
        m_leftBytes->ensureVisible(d.leftSpan.offset);
    if (!d.rightSpan.isEmpty() && d.rightSpan.end() <= c.rightBody().size())
        m_rightBytes->ensureVisible(d.rightSpan.offset);
}

QString CompareWindow::summary() const
{
    return m_summary->text();
}

QString CompareWindow::jsonSummary() const
{
    return m_jsonSummary->text();
}

QString CompareWindow::bodyNote() const
{
    return m_bodyNote->text();
}
