#pragma once

#include "core/verify/ProviderScheme.h"

#include <QByteArray>
#include <optional>

class CaptureVerifier;
class ParsedRequest;
struct EndpointConfig;
struct NewCapture;

// Plain-token schemes (GitLab's X-Gitlab-Token: the header carries the webhook's secret itself)
// never reach the store with the token: when a capture arrives at such an endpoint, the token is
// checked in memory, the verdict is kept with the capture, and the header's value is replaced by a
// marker of the same length ("[redacted]" then '*', or only '*' for short values), so the stored
// bytes keep their length and framing. The raw view shows the marker; re-verifying such a capture
// keeps the verdict from capture time (CaptureVerifier::verify returns none for it).
class TokenRedaction
{
public:
    // The marker for a value of `length` bytes.
    static QByteArray marker(qsizetype length);
    // Whether `value` is a marker made by marker().
    static bool isMarker(const QByteArray &value);

    // Verifies `capture` (arriving, or imported) with `verifier`, keeps the fast verdict and the
    // delivery id in it, and replaces every token header value in `capture.raw`. False (and
    // nothing changed) when its endpoint's scheme is not a plain token or no token header is set.
    static bool apply(NewCapture &capture, const ParsedRequest &parsed,
                      const CaptureVerifier &verifier);

    // The endpoint's scheme for this request when it is a plain token (GitLab, by name or
    // detected by "auto"), else none.
    static std::optional<ProviderScheme> tokenScheme(const EndpointConfig &endpoint,
                                                     const ParsedRequest &parsed);

    // Whether the token header of `scheme` in `parsed` holds a marker (a capture redacted when it
    // arrived).
    static bool isRedacted(const ParsedRequest &parsed, const ProviderScheme &scheme);

    // Added to a redacted capture's verdict message.
    static const char Note[];
};
