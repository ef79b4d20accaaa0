#pragma once

#include "core/verify/Verdict.h"
#include "core/config/AppConfig.h"
#include "core/secrets/SigningSecret.h"
#include "core/store/CaptureStore.h"

#include <QHash>
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
    std::optional<Verdict> verify(const CaptureSummary &summary, const QByteArray &raw,
                                  const ParsedRequest &parsed, const CaptureStore *store,
                                  QByteArray *deliveryId = nullptr) const;
    // A stored capture verified again; `replacement` gets the verdict row to write when the
    // fresh verdict should replace the stored one (see replaces()).
    std::optional<Verdict> reverify(const Capture &capture, const CaptureStore &store,
                                    std::optional<CaptureStore::VerdictRow> *replacement) const;
    // For StoreWriter: fills the verdict and delivery id of an arriving capture.
    void annotate(NewCapture &capture, const CaptureStore &store) const;

    const AppConfig &config() const { return m_config; }

    // Whether a fresh verdict should replace the stored one. "no_secret" never replaces a verdict
    // that was reached with a secret (e.g. one given to `listen --secret-env`): knowing less now
    // does not undo what was found then.
    static bool replaces(const QString &freshReason, const QString &storedReason);

private:
    AppConfig m_config;
    Secrets m_secrets;
};
