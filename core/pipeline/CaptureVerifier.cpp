#include "core/pipeline/CaptureVerifier.h"

#include "core/capture/EventType.h"
#include "core/http/RequestFramer.h"
#include "core/io/ParsedBodyNote.h"
#include "core/pipeline/TokenRedaction.h"
#include "core/store/CaptureStore.h"
#include "core/store/NewCapture.h"
#include "core/verify/Verifier.h"
#include "core/verify/VerifyOptions.h"

#include <QJsonDocument>

CaptureVerifier::CaptureVerifier(AppConfig config, Secrets secrets)
    : m_config(std::move(config)), m_secrets(std::move(secrets))
{}

CaptureVerifier::~CaptureVerifier()
{
    for (QList<SigningSecret> &list : m_secrets)
        SigningSecret::wipe(list);
}

std::optional<Verdict> CaptureVerifier::verify(const CaptureSummary &summary, const QByteArray &raw,
                                               const ParsedRequest &parsed,
                                               const CaptureStore *store, bool diagnose) const
{
    const EndpointConfig *endpoint = nullptr;
    for (const EndpointConfig &e : m_config.endpoints) {
        if (e.id == summary.endpointId)
            endpoint = &e;
    }
    // A capture that matched no endpoint when it arrived is judged by the endpoint that now
    // serves its path (e.g. one created from it).
    if (!endpoint && summary.endpointId.isEmpty() && summary.parseError.isEmpty())
        endpoint = m_config.endpointForPath(summary.target);
    if (!endpoint || endpoint->provider.isEmpty())
        return std::nullopt;
    // A token redacted at capture cannot be checked again: its verdict from then stands.
    if (const std::optional<ProviderScheme> scheme = TokenRedaction::tokenScheme(*endpoint, parsed);
        scheme && TokenRedaction::isRedacted(parsed, *scheme))
        return std::nullopt;

    VerifyOptions options;
    options.provider = endpoint->provider;
    options.scheme = endpoint->scheme;
    options.toleranceS = endpoint->toleranceS;
    options.atS = summary.receivedAtUs / 1000000;
    options.diagnose = diagnose;
    for (const SigningSecret &s : m_secrets.value(endpoint->id))
        options.secrets.append(s.value);
    for (auto it = m_secrets.begin(); it != m_secrets.end(); ++it) {
        if (it.key() == endpoint->id)
            continue;
        for (const SigningSecret &s : it.value())
            options.otherEndpointSecrets.append({it.key(), s.value});
    }
    // An imported body known only as parsed JSON: the diagnosis says what became of it.
    if (diagnose && store && summary.id > 0)
        ParsedBodyNote::read(store->origin(summary.id).notRebuilt, &options.bodyParsedBy,
                             &options.rawBodyHowTo);
    const qint64 self = summary.id; // 0 while arriving: every stored capture came before it
    options.firstSeenDelivery = [store, self](const QByteArray &id) -> qint64 {
        const qint64 first = store ? store->firstWithDeliveryId(id) : 0;
        return first > 0 && (self == 0 || first < self) ? first : 0;
    };
    Verdict verdict = Verifier::verify(raw, parsed, options);
    for (QByteArray &secret : options.secrets)
        SigningSecret::wipe(secret);
    for (auto &other : options.otherEndpointSecrets)
        SigningSecret::wipe(other.second);
    return verdict;
}

namespace {

QByteArray compactJson(const Verdict &verdict)
{
    return QJsonDocument(verdict.toJson()).toJson(QJsonDocument::Compact);
}

} // namespace

std::optional<Verdict>
CaptureVerifier::reverify(const Capture &capture, const CaptureStore &store,
                          std::optional<CaptureStore::VerdictRow> *replacement) const
{
    std::optional<Verdict> verdict = verify(capture.summary, capture.raw, capture.parsed, &store);
    if (verdict && replaces(verdict->reasonCode(), capture.summary.verdictReason))
        *replacement = CaptureStore::VerdictRow{capture.summary.id, verdict->reasonCode(),
                                                compactJson(*verdict)};
    return verdict;
}

std::shared_ptr<const CaptureVerifier> CaptureVerifier::withConfig(const AppConfig &config) const
{
    auto next = std::make_shared<CaptureVerifier>(config, m_secrets);
    next->m_awsKeys = m_awsKeys;
    return next;
}

std::shared_ptr<const CaptureVerifier> CaptureVerifier::withSecrets(const Secrets &secrets) const
{
    auto next = std::make_shared<CaptureVerifier>(m_config, secrets);
    next->m_awsKeys = m_awsKeys;
    return next;
}

std::shared_ptr<const CaptureVerifier> CaptureVerifier::withAwsKeys(const StoredAwsKeys &keys) const
{
    auto next = std::make_shared<CaptureVerifier>(*this);
    next->m_awsKeys = keys;
    return next;
}

bool CaptureVerifier::replaces(const QString &freshReason, const QString &storedReason)
{
    if (freshReason == storedReason)
        return false;
    return freshReason != QLatin1String("no_secret") || storedReason.isEmpty();
}

void CaptureVerifier::annotate(NewCapture &capture, const CaptureStore &store) const
{
    if (capture.summary.parseError.isEmpty())
        annotate(capture, RequestFramer::parse(capture.raw), store);
}

void CaptureVerifier::annotate(NewCapture &capture, const ParsedRequest &parsed,
                               const CaptureStore &store) const
{
    if (!capture.summary.parseError.isEmpty())
        return;
    capture.summary.eventType = EventType::of(capture.raw, parsed); // the list's Event column
    if (capture.summary.endpointId.isEmpty())
        return;
    const std::optional<Verdict> verdict =
        verify(capture.summary, capture.raw, parsed, &store, false);
    if (!verdict)
        return;
    capture.deliveryId = verdict->deliveryId;
    capture.summary.verdictReason = verdict->reasonCode();
    capture.summary.verdictJson = compactJson(*verdict);
}
