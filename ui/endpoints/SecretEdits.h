#pragma once

#include "core/secrets/SecretStore.h"
#include "ui/endpoints/SecretChange.h"

#include <QHash>
#include <QList>
#include <QStringList>

class EndpointListModel;

// What the editor has read from the keychain for each endpoint and what the user changed, keyed
// by EndpointListModel::key() so that renaming or moving an endpoint keeps its secrets. Turns
// that into the keychain writes to make on OK. Values are wiped when the editor goes away.
class SecretEdits
{
public:
    enum class State
    {
        Loading, // read() not answered yet: adding a secret now would drop the stored ones
        Loaded,
        Failed
    };
    struct Entry
    {
        State state = State::Loading;
        QList<SigningSecret> secrets; // current first
        QString error;                // Failed: why, for people
        bool changed = false;
    };

    SecretEdits() = default;
    ~SecretEdits();
    SecretEdits(const SecretEdits &) = delete;
    SecretEdits &operator=(const SecretEdits &) = delete;

    void startLoading(quint64 key);
    void setLoaded(quint64 key, const SecretStore::Result &result);
    void setEmpty(quint64 key); // a new endpoint: nothing stored yet
    void setSecrets(quint64 key, const QList<SigningSecret> &secrets); // the user's edit
    void forget(quint64 key);
    const Entry *entry(quint64 key) const;

    // The writes and removes that make the keychain match the edited endpoints. `deletedIds` are
    // the original ids of deleted endpoints. An id that is written is never also removed, since a
    // write replaces the whole list; so the operations can run in any order.
    QList<SecretChange> changes(const EndpointListModel &model,
                                const QStringList &deletedIds) const;

private:
    QHash<quint64, Entry> m_entries;
};
