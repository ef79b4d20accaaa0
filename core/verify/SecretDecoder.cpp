#include "SecretDecoder.h"

bool SecretDecoder::keyBytes(ProviderScheme::SecretFormat format, const QByteArray &secret,
                             QByteArray *key)
{
    if (format != ProviderScheme::SecretFormat::WhsecBase64) {
        *key = secret;
        return true;
    }
    const QByteArray text = secret.startsWith("whsec_") ? secret.mid(6) : secret;
    auto r = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!r || text.isEmpty())
        return false;
    *key = r.decoded;
    return true;
}
