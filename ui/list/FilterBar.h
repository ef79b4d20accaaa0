#pragma once

#include "ui/forward/CompiledRules.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QProgressBar;
class QToolButton;
class RequestListModel;

// The filters above the request list: verdict, forward state and rule matches. Each choice
// filters the model at once; the rule filter's scan shows its progress here, with a button
// that stops it (the rows found so far stay).
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(RequestListModel *model, QWidget *parent = nullptr);

    // The rule choices: any rule, no rule, or one endpoint's rule. A chosen rule that is gone
    // falls back to showing every capture.
    void setRules(const std::shared_ptr<const CompiledRules> &rules);

    QComboBox *verdictBox() const { return m_verdict; }
    QComboBox *forwardBox() const { return m_forward; }
    QComboBox *rulesBox() const { return m_rules; }

private:
    void applyRuleChoice();
    void showScan(qint64 done, qint64 total);

    RequestListModel *m_model;
    QComboBox *m_verdict;
    QComboBox *m_forward;
    QComboBox *m_rules;
    QLabel *m_scanLabel;
    QProgressBar *m_scanProgress;
    QToolButton *m_stopScan;
};
