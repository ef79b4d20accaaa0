#pragma once

#include "core/config/EndpointConfig.h"

#include <QList>
#include <QString>

// The checks the editor runs while the user types, so that OK can only produce a config that
// ConfigLoader accepts and the listener can route. The rules for one field are EndpointRules', the
// same ConfigLoader applies; this adds the rules across rows (duplicates). Each returns a sentence
// for people, empty when the field is fine.
class EndpointValidator
{
public:
    static QString idProblem(const QList<EndpointConfig> &endpoints, int row);
    static QString pathProblem(const QList<EndpointConfig> &endpoints, int row);
    // generic-hmac only: the description must build a scheme, or nothing would ever verify.
    // A provider this build does not know is refused too, as the config file would be.
    static QString schemeProblem(const EndpointConfig &endpoint);
    // Response headers the listener could not send as given (CR, LF, NUL; not a token).
    static QString responseProblem(const EndpointConfig &endpoint);
    // The `forward` section: the first field the config loader would refuse, with its key
    // ("forward.eventbridge.source: ..."), in ForwardConfigJson's words.
    static QString forwardProblem(const EndpointConfig &endpoint);
    // The rules: a blank or duplicate name (EndpointRules), or a pattern EventPattern refuses
    // (AWS's message, on one line).
    static QString rulesProblem(const EndpointConfig &endpoint);
    static QString ruleNameProblem(const QList<RuleConfig> &rules, int index);
    // The first of the above, for marking the row in the list.
    static QString problem(const QList<EndpointConfig> &endpoints, int row);
};
