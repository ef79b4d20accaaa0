#pragma once

#include "core/capture/ParsedRequest.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QStringList>

struct AppConfig;

// What `export --redact-secrets` replaces with "[redacted]": the value of every signature header
// any provider definition names (and of generic-hmac endpoints' configured headers), of the
// credential headers (Authorization, Proxy-Authorization, Cookie), and every occurrence of a
// configured secret's bytes in the headers or the body. A body that changed length gets its
// Content-Length (or its chunked framing) written again, so the export still frames.
class CaptureRedactor
{
public:
    static constexpr char Marker[] = "[redacted]";

    CaptureRedactor() = default;
    // Header names from the provider definitions and the config's endpoints; `secrets` are the
    // configured secret values (any encoding they are written in).
    CaptureRedactor(const AppConfig &config, QList<QByteArray> secrets);

    void addHeader(const QByteArray &name); // case-insensitive
    void addSecret(const QByteArray &value);

    // The redacted request; `what` gets one entry per kind of thing replaced ("header
    // Stripe-Signature", "a configured secret in the body"). Returns `raw` unchanged when there
    // is nothing to replace or the request does not frame.
    QByteArray redact(const QByteArray &raw, const ParsedRequest &parsed, QStringList *what) const;

private:
    QByteArray replaceSecrets(QByteArray bytes, bool *changed) const;

    QSet<QByteArray> m_headers; // lower case
    QList<QByteArray> m_secrets;
};
