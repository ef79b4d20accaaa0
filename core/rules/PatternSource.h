#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

// Where `pattern test --pattern FILE` finds its pattern: the pattern itself, a CloudFormation or
// SAM template in JSON or YAML (AWS::Events::Rule's EventPattern, an EventBridgeRule or
// CloudWatchEvent event source's Pattern), or what `aws events describe-rule` (EventPattern, a
// JSON string) or `aws events list-rules` print.
class PatternSource
{
public:
    struct Rule
    {
        QStringList names;  // what --rule may say: the logical id, Name / RuleName, Fn.Event
        QByteArray pattern; // the pattern's JSON text, as written in the file when it can be
        QString origin;     // "AWS::Events::Rule NewCustomers", "describe-rule output", ...
        QString problem;    // why its pattern cannot be tested as written (an intrinsic function)
    };

    struct Result
    {
        QByteArray pattern;
        QString origin; // empty for a plain pattern file
        QString error;  // names the file and the problem; the rule names when ambiguous
        bool ok() const { return error.isEmpty(); }
    };

    // The rules a template or AWS CLI output holds; `isPattern` true (and no rules) when the text
    // is a plain pattern (or not JSON at all: the compiler then says why).
    static QVector<Rule> rulesIn(const QByteArray &text, bool *isPattern, QString *error);
    static Result load(const QByteArray &text, const QString &fileName, const QString &ruleName);
};
