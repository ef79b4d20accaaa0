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
    // The first of the above, for marking the row in the list.
    static QString problem(const QList<EndpointConfig> &endpoints, int row);
};
