#include "core/verify/SecretDecoder.h"

bool SecretDecoder::keyBytes(ProviderScheme::SecretFormat format, const QByteArray &secret,
                             QByteArray *key)
{
    if (format != ProviderScheme::SecretFormat::WhsecBase64 &&
        format != ProviderScheme::SecretFormat::Base64) {
        *key = secret;
        return true;
    }
    QByteArray text =
        format == ProviderScheme::SecretFormat::WhsecBase64 && secret.startsWith("whsec_")
            ? secret.mid(6)
            : secret;
    // The SDKs' base64 decoders stop at trailing spaces and LFs (not at CR): so do we.
    while (text.endsWith(' ') || text.endsWith('\n'))
        text.chop(1);
    auto r = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!r || text.isEmpty())
        return false;
    *key = r.decoded;
    return true;
}
