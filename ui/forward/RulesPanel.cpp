#include "ui/forward/RulesPanel.h"

#include "ui/forward/RuleVerdictModel.h"
#include "ui/forward/RuleVerdicts.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTextCursor>
#include <QTextEdit>
#include <QVBoxLayout>

RulesPanel::RulesPanel(QWidget *parent)
    : QWidget(parent), m_model(new RuleVerdictModel(this)), m_view(new QTableView(this)),
      m_summary(new QLabel(this)), m_event(new QPlainTextEdit(this))
{
    m_pool.setMaxThreadCount(1);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setObjectName(QStringLiteral("ruleVerdicts"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_event->setObjectName(QStringLiteral("busEvent"));
    m_event->setReadOnly(true);
    m_event->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_event->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_event);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                highlightPointer(current.data(RuleVerdictModel::EventPointerRole).toString());
            });
    clear();
}

QPair<int, int> RulesPanel::lineOfPointer(const QString &text, const QString &pointer)
{
    if (!pointer.startsWith(QLatin1Char('/')))
        return {-1, 0};
    int at = -1;
    int depth = 0;
    for (QString token : pointer.mid(1).split(QLatin1Char('/'))) {
        bool isIndex = false;
        token.toInt(&isIndex);
        if (isIndex)
            break; // an array element: its array's line is close enough
        token.replace(QLatin1String("~1"), QLatin1String("/"));
        token.replace(QLatin1String("~0"), QLatin1String("~"));
        ++depth;
        // the member's key at its depth, after its parent's: the parent's own members come
        // first, before any later sibling's
        const QString key = QLatin1Char('\n') + QString(2 * depth, QLatin1Char(' ')) +
                            QLatin1Char('"') + token + QLatin1String("\": ");
        const int found = text.indexOf(key, at < 0 ? 0 : at);
        if (found < 0)
            break;
        at = found + 1;
    }
    if (at < 0)
        return {-1, 0};
    const int end = text.indexOf(QLatin1Char('\n'), at);
    return {at, (end < 0 ? int(text.size()) : end) - at};
}

void RulesPanel::highlightPointer(const QString &pointer)
{
    QList<QTextEdit::ExtraSelection> marks;
    const QPair<int, int> line = lineOfPointer(m_event->toPlainText(), pointer);
    if (line.first >= 0) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_event->document());
        mark.cursor.setPosition(line.first);
        mark.cursor.setPosition(line.first + line.second, QTextCursor::KeepAnchor);
        mark.format.setBackground(palette().color(QPalette::Highlight));
        mark.format.setForeground(palette().color(QPalette::HighlightedText));
        marks.append(mark);
        QTextCursor visible(m_event->document());
        visible.setPosition(line.first);
        m_event->setTextCursor(visible);
        m_event->ensureCursorVisible();
    }
    m_event->setExtraSelections(marks);
}

RulesPanel::~RulesPanel()
{
    m_pool.clear();
    m_pool.waitForDone(); // jobs post back to this object
}

void RulesPanel::setRules(std::shared_ptr<const CompiledRules> rules)
{
    m_rules = std::move(rules);
}

void RulesPanel::clear()
{
    ++m_generation;
    m_model->clear();
    m_event->clear();
    m_event->setExtraSelections({});
    m_summary->setText(tr("Rules saved with an endpoint (its config's \"rules\") are judged here "
                          "on the event its forward.eventbridge mapping puts on the bus."));
}

void RulesPanel::show(const Capture &capture, const QByteArray &verdictJson)
{
    const quint64 generation = ++m_generation;
    const QString endpointId = capture.summary.endpointId;
    const RuleSet *rules = m_rules ? m_rules->rulesOf(endpointId) : nullptr;
    if (!rules) {
        m_model->clear();
        m_event->clear();
        m_summary->setText(endpointId.isEmpty()
                               ? tr("No endpoint matched this request, so it has no rules.")
                               : tr("Endpoint %1 has no rules saved with it.").arg(endpointId));
        Q_EMIT evaluated(capture.summary.id);
        return;
    }
    const EndpointConfig &endpoint = *m_rules->endpoint(endpointId);
    if (capture.raw.size() <= InlineBytes) {
        showVerdicts(capture.summary.id, *rules,
                     RuleVerdicts::explain(capture, verdictJson, endpoint, *rules));
        return;
    }
    m_model->clear();
    m_event->clear();
    m_summary->setText(
        tr("Judging %n rule(s) on a large event…", nullptr, int(rules->rules().size())));
    const std::shared_ptr<const CompiledRules> keep = m_rules; // holds `rules` and `endpoint`
    m_pool.clear();
    const EndpointConfig *target = &endpoint;
    m_pool.start([this, generation, keep, capture, verdictJson, rules, target] {
        const RuleVerdicts verdicts = RuleVerdicts::explain(capture, verdictJson, *target, *rules);
        QMetaObject::invokeMethod(this, [this, generation, keep, verdicts, rules, capture] {
            if (generation == m_generation)
                showVerdicts(capture.summary.id, *rules, verdicts);
        });
    });
}

void RulesPanel::showVerdicts(qint64 captureId, const RuleSet &rules, const RuleVerdicts &verdicts)
{
    m_model->setVerdicts(rules, verdicts);
    m_event->setExtraSelections({});
    m_view->resizeColumnsToContents();
    if (!verdicts.event.onBus) {
        m_summary->setText(tr("No rule sees this capture: %1").arg(verdicts.event.notOnBus));
        m_event->clear();
    } else {
        const EventEnvelope &e = verdicts.event.envelope;
        m_summary->setText(
            tr("%1 of %2 rule(s) match the event as forward.eventbridge puts it on the bus "
               "(source %3, detail-type %4; account %5, region %6).")
                .arg(verdicts.matching.size())
                .arg(verdicts.ruleCount)
                .arg(e.source, e.detailType, e.account, e.region));
        m_event->setPlainText(QString::fromUtf8(e.toJsonText(true)));
    }
    Q_EMIT evaluated(captureId);
}
