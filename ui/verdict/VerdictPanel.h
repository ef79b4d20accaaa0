#pragma once

#include "core/verify/Verdict.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

// Above the three panes: pass or fail and why. The checks in order (header found, parsed,
// timestamp age against tolerance, which secret matched), the signed content, expected and
// received signatures with the first differing character marked, and each hazard with what to do.
class VerdictPanel : public QWidget
{
    Q_OBJECT
public:
    explicit VerdictPanel(QWidget *parent = nullptr);

    void showVerdict(const Verdict &verdict);
    void clear(); // hidden: the capture reached no endpoint with a provider

    QString headline() const; // for tests and accessibility
    static QString markFirstDifference(const QString &expected, const QString &received);

Q_SIGNALS:
    void showSignedBytesRequested(); // the user asked to see the signed bytes in the raw pane

private:
    QLabel *m_headline;
    QTreeWidget *m_steps;
    QLabel *m_details;
};
