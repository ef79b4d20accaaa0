#include "ui/endpoints/SecretEdits.h"

#include "ui/endpoints/EndpointListModel.h"

SecretEdits::~SecretEdits()
{
    for (Entry &e : m_entries)
        SigningSecret::wipe(e.secrets);
}

void SecretEdits::startLoading(quint64 key)
{
    m_entries[key] = Entry{};
}

void SecretEdits::setLoaded(quint64 key, const SecretStore::Result &result)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end() || it->state != State::Loading)
        return; // deleted meanwhile
    if (result.ok()) {
        it->state = State::Loaded;
        it->secrets = result.secrets;
    } else {
        it->state = State::Failed;
        it->error = result.error;
    }
}

void SecretEdits::setEmpty(quint64 key)
{
    Entry e;
    e.state = State::Loaded;
    m_entries[key] = e;
}

void SecretEdits::setSecrets(quint64 key, const QList<SigningSecret> &secrets)
{
    Entry &e = m_entries[key];
    e.state = State::Loaded;
    e.secrets = secrets;
    e.changed = true;
}

void SecretEdits::forget(quint64 key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    SigningSecret::wipe(it->secrets);
    m_entries.erase(it);
}

const SecretEdits::Entry *SecretEdits::entry(quint64 key) const
{
    auto it = m_entries.constFind(key);
    return it == m_entries.cend() ? nullptr : &*it;
}

QList<SecretChange> SecretEdits::changes(const EndpointListModel &model,
                                         const QStringList &deletedIds) const
{
    QList<SecretChange> writes;
    QStringList removes = deletedIds;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString id = model.endpoint(row).id;
        const QString original = model.originalId(row);
        const bool renamed = !original.isEmpty() && original != id;
        const Entry *e = entry(model.key(row));
        if (!e || e->state != State::Loaded) {
            // Never read, so nothing can be moved: the secrets stay under the old id, where
            // `secrets list` still shows them, rather than being lost.
            continue;
        }
        if (!e->changed && (!renamed || e->secrets.isEmpty()))
            continue; // nothing stored to move, nothing edited
        writes.append({SecretChange::Kind::Write, id, e->secrets});
        if (renamed)
            removes.append(original);
    }
    QList<SecretChange> out;
    QStringList written;
    for (const SecretChange &w : writes)
        written.append(w.endpointId);
    removes.removeDuplicates();
    for (const QString &id : removes) {
        if (!written.contains(id))
            out.append({SecretChange::Kind::Remove, id, {}});
    }
    out.append(writes);
    return out;
}
