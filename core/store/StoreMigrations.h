#pragma once

#include <QByteArray>

// The SQL that takes a store from schema version N-1 to N. Steps are never edited once released:
// a change is a new step.
class StoreMigrations
{
public:
    static QByteArray step(int toVersion);
};
