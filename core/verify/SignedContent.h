#pragma once

#include "core/verify/ProviderScheme.h"
#include "core/verify/SignatureEvidence.h"

#include <QByteArray>
#include <QList>

// The bytes a scheme signs, as pieces so a large body is never copied into a new buffer just
// to be MAC'ed (the body piece shares the body's storage).
struct SignedContent
{
    QList<QByteArray> pieces;
    qint64 bodyOffset = -1; // where the body starts in the content; -1 when not signed
    qint64 bodyLength = 0;
    QByteArray url;  // the URL form used, for URL-signing schemes
    QString problem; // Twilio bodySHA256: the body does not hash to the URL's value

    qint64 size() const;
    QByteArray joined() const;

    // The content for `body` and `url` (the evidence gives the rest). Usually one; Twilio's SDK
    // also accepts the URL with its default port added or removed, which gives two.
    static QList<SignedContent> build(const ProviderScheme &scheme, const SignatureEvidence &e,
                                      const QByteArray &body, const QByteArray &url);
    // Twilio: the URL with the default port added (or removed when present); empty if n/a.
    static QByteArray otherPortForm(const QByteArray &url);
};
