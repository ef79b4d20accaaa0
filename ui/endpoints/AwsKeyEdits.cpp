#include "ui/endpoints/AwsKeyEdits.h"

#include "ui/endpoints/EndpointListModel.h"

namespace {

void wipe(AwsKeyEdits::Entry &e)
{
    if (e.stored)
        e.stored->wipe();
    e.typed.wipe();
}

bool usesKeychain(const EndpointConfig &e)
{
    return e.forward.eventBridge &&
           e.forward.eventBridge->credentials == EventBridgeForwardTarget::Credentials::Keychain;
}

} // namespace

AwsKeyEdits::~AwsKeyEdits()
{
    for (Entry &e : m_entries)
        wipe(e);
}

void AwsKeyEdits::startLoading(quint64 key)
{
    forget(key);
    m_entries.insert(key, Entry{});
}

void AwsKeyEdits::setLoaded(quint64 key, const AwsKeychain::Result &result)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end() || it->state != State::Loading)
        return; // deleted meanwhile
    if (result.ok()) {
        it->state = State::Loaded;
        it->stored = result.key;
    } else {
        it->state = State::Failed;
        it->error = result.error;
    }
}

void AwsKeyEdits::setEmpty(quint64 key)
{
    forget(key);
    Entry e;
    e.state = State::Loaded;
    m_entries.insert(key, e);
}

void AwsKeyEdits::setTyped(quint64 key, const StoredAwsKey &typed)
{
    Entry &e = m_entries[key];
    e.typed.wipe();
    e.typed = typed;
}

void AwsKeyEdits::removeStored(quint64 key)
{
    Entry &e = m_entries[key];
    e.typed.wipe();
    e.typed = StoredAwsKey{};
    e.removeStored = true;
}

void AwsKeyEdits::forget(quint64 key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    wipe(*it);
    m_entries.erase(it);
}

const AwsKeyEdits::Entry *AwsKeyEdits::entry(quint64 key) const
{
    auto it = m_entries.constFind(key);
    return it == m_entries.cend() ? nullptr : &*it;
}

QString AwsKeyEdits::problem(quint64 key) const
{
    const Entry *e = entry(key);
    if (!e)
        return {};
    const StoredAwsKey &t = e->typed;
    if (t.accessKeyId.isEmpty() && !t.secretAccessKey.isEmpty())
        return QStringLiteral("the access key ID is missing");
    if (!t.accessKeyId.isEmpty() && t.secretAccessKey.isEmpty())
        return QStringLiteral("the secret access key is missing");
    if (t.accessKeyId.isEmpty() && !t.sessionToken.isEmpty())
        return QStringLiteral("a session token needs the access key ID and the secret access key");
    for (const char c : t.accessKeyId) {
        if (!QChar::isLetterOrNumber(uchar(c)))
            return QStringLiteral("an access key ID has only letters and digits (e.g. "
                                  "AKIAIOSFODNN7EXAMPLE)");
    }
    return {};
}

QList<AwsKeyEdits::Change> AwsKeyEdits::changes(const EndpointListModel &model,
                                                const QStringList &deletedIds) const
{
    QList<Change> writes;
    QStringList removes = deletedIds;
    for (int row = 0; row < model.rowCount(); ++row) {
        const EndpointConfig endpoint = model.endpoint(row);
        const QString id = endpoint.id;
        const QString original = model.originalId(row);
        const bool renamed = !original.isEmpty() && original != id;
        const QString storedUnder = original.isEmpty() ? id : original;
        const Entry *e = entry(model.key(row));
        if (!e)
            continue;
        if (usesKeychain(endpoint) && e->typed.isComplete()) {
            writes.append({Change::Kind::Write, id, e->typed});
            if (renamed)
                removes.append(original);
        } else if (e->removeStored) {
            removes.append(storedUnder);
        } else if (renamed && e->state == State::Loaded && e->stored) {
            writes.append({Change::Kind::Write, id, *e->stored});
            removes.append(original);
        }
        // Never read (Loading, Failed): nothing can be moved, so it stays under the old id.
    }
    QStringList written;
    for (const Change &w : writes)
        written.append(w.endpointId);
    removes.removeDuplicates();
    QList<Change> out;
    for (const QString &id : std::as_const(removes)) {
        if (!written.contains(id))
            out.append({Change::Kind::Remove, id, {}});
    }
    out.append(writes);
    return out;
}
