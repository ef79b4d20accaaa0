#pragma once

#include "core/capture/Capture.h"
#include "ui/forward/CompiledRules.h"

#include <QPair>
#include <QThreadPool>
#include <QWidget>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QTableView;
class RuleVerdictModel;
struct RuleVerdicts;

// The inspector's Rules tab: each rule of the capture's endpoint with its verdict on the event
// the capture becomes on the bus (why not: the field, what the rule expects, what the event
// holds, a hint), above that event. Bodies up to InlineBytes are judged at once; larger ones
// on a worker thread (parsing a big Detail must not freeze the window), the newest wins.
// Selecting a reason marks the field it names in the event.
class RulesPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 InlineBytes = 64 * 1024;

    explicit RulesPanel(QWidget *parent = nullptr);
    ~RulesPanel() override;

    void setRules(std::shared_ptr<const CompiledRules> rules);
    void show(const Capture &capture, const QByteArray &verdictJson);
    void clear();

    RuleVerdictModel *model() const { return m_model; }
    QLabel *summaryLabel() const { return m_summary; }
    QPlainTextEdit *eventView() const { return m_event; }
    void waitForIdle() { m_pool.waitForDone(); } // for tests

Q_SIGNALS:
    void evaluated(qint64 captureId); // the verdicts of that capture are shown

private:
    void showVerdicts(qint64 captureId, const RuleSet &rules, const RuleVerdicts &verdicts);
    void highlightPointer(const QString &pointer);

public:
    // Where a JSON pointer's value starts and ends in the event as shown (indented by two
    // spaces, as EventEnvelope::toJsonText writes it): its line, or its deepest parent's when it
    // is absent or inside an array. {-1, 0} when the text has no such place.
    static QPair<int, int> lineOfPointer(const QString &text, const QString &pointer);

private:
    std::shared_ptr<const CompiledRules> m_rules;
    RuleVerdictModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QPlainTextEdit *m_event;
    QThreadPool m_pool;
    quint64 m_generation = 0;
};
