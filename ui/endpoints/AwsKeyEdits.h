#pragma once

#include "core/secrets/AwsKeychain.h"
#include "core/secrets/StoredAwsKey.h"

#include <QHash>
#include <QList>
#include <QStringList>

#include <optional>

class EndpointListModel;

// The AWS access keys of the endpoints being edited (EventBridge credentials "keychain"): what
// the keychain holds for each and what the user typed or removed, keyed by
// EndpointListModel::key() so that renaming an endpoint moves its key. Held in memory only until
// OK, then turned into keychain writes; wiped when the editor goes away.
class AwsKeyEdits
{
public:
    enum class State
    {
        Loading,
        Loaded,
        Failed
    };
    struct Entry
    {
        State state = State::Loading;
        std::optional<StoredAwsKey> stored; // in the keychain now
        QString error;                      // Failed: why, for people
        StoredAwsKey typed;                 // what the fields hold (may be partial or empty)
        bool removeStored = false;          // "Remove stored key" pressed
    };
    struct Change
    {
        enum class Kind
        {
            Write,
            Remove
        };
        Kind kind = Kind::Write;
        QString endpointId;
        StoredAwsKey key; // Write only
    };

    AwsKeyEdits() = default;
    ~AwsKeyEdits();
    AwsKeyEdits(const AwsKeyEdits &) = delete;
    AwsKeyEdits &operator=(const AwsKeyEdits &) = delete;

    void startLoading(quint64 key);
    void setLoaded(quint64 key, const AwsKeychain::Result &result);
    void setEmpty(quint64 key); // a new endpoint: nothing stored
    void setTyped(quint64 key, const StoredAwsKey &typed);
    void removeStored(quint64 key); // the stored key goes on OK; the typed one is dropped
    void forget(quint64 key);
    const Entry *entry(quint64 key) const;

    // What is wrong with what was typed for `key` (only one of the ID and the secret): empty
    // when nothing or a whole key was typed.
    QString problem(quint64 key) const;
    // The keychain writes and removes that OK makes: a key typed for an endpoint whose
    // credentials are "keychain", a removed key, a stored key moved to an endpoint's new id, and
    // the keys of deleted endpoints (`deletedIds`, original ids). No id is both written and
    // removed, so they can run in any order.
    QList<Change> changes(const EndpointListModel &model, const QStringList &deletedIds) const;

private:
    QHash<quint64, Entry> m_entries;
};
