#include "core/rules/MatchResult.h"

#include <QJsonArray>

QJsonObject MatchResult::toJson() const
{
    QJsonArray list;
    for (const MissReason &r : reasons)
        list.append(r.toJson());
    return {{QStringLiteral("matches"), matches}, {QStringLiteral("reasons"), list}};
}
