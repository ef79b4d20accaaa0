#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// The rules one endpoint's fields follow, in one place for both ConfigLoader (a file) and the
// endpoint editor (the UI), so that neither accepts what the other refuses. Each returns what is
// wrong as a lower-case phrase without the key path (the caller says where), empty when fine.
// Rules across endpoints (duplicate ids and paths) are the caller's: it holds the list.
class EndpointRules
{
public:
    // Secrets are stored under the id, and `listen --secret-env ID=VAR` names it on a command
    // line: not empty, no control character, no whitespace, no '='.
    static QString idProblem(const QString &id);
    // Starts with '/'; no query or fragment (routing ignores them, so it could never match), no
    // whitespace or control character.
    static QString pathProblem(const QString &path);
    // Empty (capture only) or one of `known`. The names are given by the caller: which providers
    // exist is the verify area's to say, and config does not depend on it.
    static QString providerProblem(const QString &provider, const QStringList &known);
    static QString headerNameProblem(const QByteArray &name);
    static QString headerValueProblem(const QByteArray &value);
    // A rule's name (`rules[i].name`): not blank, and not the name of a rule before it.
    static QString ruleNameProblem(const QString &name, const QStringList &earlierNames);
};
