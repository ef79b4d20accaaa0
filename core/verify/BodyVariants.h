#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Candidate originals of a body that may have been changed on its way here. Each candidate
// undoes one change; `transform` names the change that happened (CONTRACT body_modified), not
// the undoing. Only candidates that differ from the body are produced, each once.
class BodyVariants
{
public:
    struct Variant
    {
        QString transform;
        QByteArray body;
    };

    static QList<Variant> inverses(const QByteArray &body);
    // Every transform name this class can report, in the order they are tried.
    static QStringList transforms();
};
