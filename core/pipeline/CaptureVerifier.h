#pragma once

#include "core/config/AppConfig.h"
#include "core/pipeline/StoredAwsKeys.h"
#include "core/secrets/SigningSecret.h"
#include "core/store/CaptureStore.h"
#include "core/verify/Verdict.h"

#include <QHash>
#include <memory>
#include <optional>

struct NewCapture;
struct CaptureSummary;
class ParsedRequest;

// Verifies a capture against its endpoint: the endpoint's provider (or generic-hmac scheme),
// tolerance and secrets, with every other endpoint's secrets at hand for the diagnosis.
// Timestamps are judged against the time the capture arrived. Holds secrets in memory only.
class CaptureVerifier
{
public:
    using Secrets = QHash<QString, QList<SigningSecret>>; // by endpoint id, current first

    CaptureVerifier() = default;
    CaptureVerifier(AppConfig config, Secrets secrets);
    ~CaptureVerifier();
    CaptureVerifier(const CaptureVerifier &) = default;
    CaptureVerifier &operator=(const CaptureVerifier &) = default;

    // Null when the capture reached no endpoint with a provider (and none serves its path now).
    // Without `diagnose`, the checks only (the fast verdict committed with a capture); the
    // hazards come from a second, diagnosing pass off the commit path.
    std::optional<Verdict> verify(const CaptureSummary &summary, const QByteArray &raw,
                                  const ParsedRequest &parsed, const CaptureStore *store,
                                  bool diagnose = true) const;
    // A stored capture verified again; `replacement` gets the verdict row to write when the
    // fresh verdict should replace the stored one (see replaces()).
    std::optional<Verdict> reverify(const Capture &capture, const CaptureStore &store,
                                    std::optional<CaptureStore::VerdictRow> *replacement) const;
    // For StoreWriter: fills the fast verdict, the delivery id and the event type of an
    // arriving capture, whose raw bytes `parsed` frames (the listener's framing of them).
    void annotate(NewCapture &capture, const ParsedRequest &parsed,
                  const CaptureStore &store) const;
    // The same, framing the raw bytes first (an imported or redacted capture).
    void annotate(NewCapture &capture, const CaptureStore &store) const;

    const AppConfig &config() const { return m_config; }
    const Secrets &secrets() const { return m_secrets; }
    // The AWS access keys typed into the app (EventBridge credentials "keychain"), for forwarding.
    const StoredAwsKeys &awsKeys() const { return m_awsKeys; }
    // The same secrets with another config, or the same config with other secrets.
    std::shared_ptr<const CaptureVerifier> withConfig(const AppConfig &config) const;
    std::shared_ptr<const CaptureVerifier> withSecrets(const Secrets &secrets) const;
    std::shared_ptr<const CaptureVerifier> withAwsKeys(const StoredAwsKeys &keys) const;

    // Whether a fresh verdict should replace the stored one. "no_secret" never replaces a verdict
    // that was reached with a secret (e.g. one given to `listen --secret-env`): knowing less now
    // does not undo what was found then.
    static bool replaces(const QString &freshReason, const QString &storedReason);

private:
    AppConfig m_config;
    Secrets m_secrets;
    StoredAwsKeys m_awsKeys;
};
