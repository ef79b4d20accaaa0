#include "core/store/OutboxEntry.h"

#include <QStringList>

namespace {

const QStringList Names = {"queued", "retrying", "delivered", "dead", "skipped"};

} // namespace

QString OutboxEntry::stateName(State state)
{
    return Names.at(int(state));
}

bool OutboxEntry::stateFromName(const QString &name, State *state)
{
    const int i = Names.indexOf(name);
    if (i < 0)
        return false;
    *state = State(i);
    return true;
}
