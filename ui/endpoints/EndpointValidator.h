#pragma once

#include "core/config/EndpointConfig.h"

#include <QList>
#include <QString>

// The checks the editor runs while the user types, so that OK can only produce a config that
// ConfigLoader accepts and the listener can route. Each returns a sentence for people, empty when
// the field is fine.
class EndpointValidator
{
public:
    static QString idProblem(const QList<EndpointConfig> &endpoints, int row);
    static QString pathProblem(const QList<EndpointConfig> &endpoints, int row);
    // generic-hmac only: the description must build a scheme, or nothing would ever verify.
    static QString schemeProblem(const EndpointConfig &endpoint);
    // The first of the above, for marking the row in the list.
    static QString problem(const QList<EndpointConfig> &endpoints, int row);
};
