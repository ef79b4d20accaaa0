#include "ui/list/FilterBar.h"

#include "ui/list/RequestListModel.h"
#include "ui/list/RuleMatchScan.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace {

QComboBox *combo(const char *name, const QString &toolTip, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(QLatin1String(name));
    box->setToolTip(toolTip);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

QVariant ruleData(RuleFilter::Mode mode, const QString &endpoint = {}, const QString &rule = {})
{
    return QStringList{QString::number(int(mode)), endpoint, rule};
}

} // namespace

FilterBar::FilterBar(RequestListModel *model, QWidget *parent)
    : QWidget(parent), m_model(model),
      m_verdict(
          combo("verdictFilter", tr("Show only the requests with this verdict (Ctrl+F)"), this)),
      m_forward(combo("forwardFilter",
                      tr("Show only the requests whose forwards are in this state "
                         "(Ctrl+Shift+F)"),
                      this)),
      m_rules(combo("rulesFilter",
                    tr("Show only the requests whose event the endpoint's rules match "
                       "(Ctrl+Shift+M)"),
                    this)),
      m_scanLabel(new QLabel(this)), m_scanProgress(new QProgressBar(this)),
      m_stopScan(new QToolButton(this))
{
    const QList<QPair<QString, CaptureFilter::Verdict>> verdicts = {
        {tr("All"), CaptureFilter::Verdict::Any},
        {tr("Pass"), CaptureFilter::Verdict::Pass},
        {tr("Fail"), CaptureFilter::Verdict::Fail},
        {tr("Stale"), CaptureFilter::Verdict::Stale},
        {tr("No secret"), CaptureFilter::Verdict::NoSecret},
        {tr("Not verified"), CaptureFilter::Verdict::Unverified}};
    for (const auto &choice : verdicts)
        m_verdict->addItem(choice.first, int(choice.second));
    connect(m_verdict, &QComboBox::currentIndexChanged, this, [this] {
        CaptureFilter filter = m_model->filter();
        filter.verdict = CaptureFilter::Verdict(m_verdict->currentData().toInt());
        m_model->setFilter(filter);
    });

    const QList<QPair<QString, CaptureFilter::Forward>> states = {
        {tr("All"), CaptureFilter::Forward::Any},
        {tr("Not forwarded"), CaptureFilter::Forward::None},
        {tr("Queued"), CaptureFilter::Forward::Queued},
        {tr("Retrying"), CaptureFilter::Forward::Retrying},
        {tr("Delivered"), CaptureFilter::Forward::Delivered},
        {tr("Dead"), CaptureFilter::Forward::Dead},
        {tr("Skipped"), CaptureFilter::Forward::Skipped}};
    for (const auto &state : states)
        m_forward->addItem(state.first, int(state.second));
    connect(m_forward, &QComboBox::currentIndexChanged, this, [this] {
        CaptureFilter filter = m_model->filter();
        filter.forward = CaptureFilter::Forward(m_forward->currentData().toInt());
        m_model->setFilter(filter);
    });

    setRules(nullptr);
    connect(m_rules, &QComboBox::currentIndexChanged, this, &FilterBar::applyRuleChoice);

    m_scanProgress->setObjectName(QStringLiteral("ruleScanProgress"));
    m_scanProgress->setMaximumWidth(120);
    m_scanProgress->setTextVisible(false);
    m_stopScan->setObjectName(QStringLiteral("stopRuleScan"));
    m_stopScan->setText(tr("Stop"));
    m_stopScan->setToolTip(tr("Stop judging the captures (the rows found so far stay)"));
    for (QWidget *w : {static_cast<QWidget *>(m_scanLabel), static_cast<QWidget *>(m_scanProgress),
                       static_cast<QWidget *>(m_stopScan)})
        w->hide();
    RuleMatchScan *scan = m_model->ruleScan();
    connect(m_stopScan, &QToolButton::clicked, scan, &RuleMatchScan::cancel);
    connect(scan, &RuleMatchScan::started, this, [this] {
        m_scanLabel->hide();
        m_scanProgress->setRange(0, 0); // busy until the first chunk is judged
        m_scanProgress->show();
        m_stopScan->show();
    });
    connect(scan, &RuleMatchScan::progress, this, &FilterBar::showScan);
    connect(scan, &RuleMatchScan::finished, this, [this](bool cancelled) {
        m_scanProgress->hide();
        m_stopScan->hide();
        m_scanLabel->setText(
            cancelled ? tr("stopped: %n row(s) found", nullptr, m_model->rowCount()) : QString());
        m_scanLabel->setVisible(cancelled);
    });
    connect(scan, &RuleMatchScan::failed, this, [this](const QString &error) {
        m_scanProgress->hide();
        m_stopScan->hide();
        m_scanLabel->setText(tr("rules not judged: %1").arg(error));
        m_scanLabel->show();
    });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    layout->addWidget(label(tr("&Verdict:"), m_verdict));
    layout->addWidget(m_verdict);
    layout->addWidget(label(tr("F&orward:"), m_forward));
    layout->addWidget(m_forward);
    layout->addWidget(label(tr("&Rules:"), m_rules));
    layout->addWidget(m_rules);
    layout->addWidget(m_scanProgress);
    layout->addWidget(m_scanLabel);
    layout->addWidget(m_stopScan);
}

void FilterBar::setRules(const std::shared_ptr<const CompiledRules> &rules)
{
    const QVariant chosen = m_rules->currentData();
    const QSignalBlocker quiet(m_rules);
    m_rules->clear();
    m_rules->addItem(tr("All"), ruleData(RuleFilter::Mode::Any));
    m_rules->addItem(tr("Some rule matches"), ruleData(RuleFilter::Mode::MatchesAny));
    m_rules->addItem(tr("No rule matches"), ruleData(RuleFilter::Mode::MatchesNone));
    const QStringList endpoints = rules ? rules->endpointsWithRules() : QStringList();
    for (const QString &endpoint : endpoints) {
        for (const RuleSet::Rule &rule : rules->rulesOf(endpoint)->rules()) {
            if (rule.isValid())
                m_rules->addItem(tr("%1: %2").arg(endpoint, rule.name),
                                 ruleData(RuleFilter::Mode::MatchesRule, endpoint, rule.name));
        }
    }
    m_rules->setEnabled(!endpoints.isEmpty());
    if (endpoints.isEmpty())
        m_rules->setToolTip(tr("No endpoint has rules yet: add them in Endpoints > Edit "
                               "Endpoints…, Rules tab"));
    const int again = chosen.isValid() ? m_rules->findData(chosen) : 0;
    m_rules->setCurrentIndex(qMax(0, again));
    if (again < 0 && m_model->ruleFilter().isActive())
        applyRuleChoice(); // the rule is gone
}

void FilterBar::applyRuleChoice()
{
    const QStringList data = m_rules->currentData().toStringList();
    RuleFilter filter;
    if (data.size() == 3) {
        filter.mode = RuleFilter::Mode(data[0].toInt());
        filter.endpointId = data[1];
        filter.rule = data[2];
    }
    if (!filter.isActive()) {
        m_scanLabel->hide();
        m_scanProgress->hide();
        m_stopScan->hide();
    }
    m_model->setRuleFilter(filter);
}

void FilterBar::showScan(qint64 done, qint64 total)
{
    if (m_stopScan->isHidden()) // live captures judged after the scan: no bar for those
        return;
    m_scanProgress->setRange(0, 1000);
    m_scanProgress->setValue(total > 0 ? int(done * 1000 / total) : 1000);
    m_scanProgress->setToolTip(
        tr("Judged %1 of %2 captures").arg(QLocale().toString(done), QLocale().toString(total)));
}
