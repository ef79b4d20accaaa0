// Every signature-header parser on arbitrary bytes: the header formats of every provider in the
// table (t=/v1= lists, v1,base64 lists, prefixed and plain values), the timestamp parsers, and
// the JSON re-layout used by the diagnosis. The first byte picks the provider.
#include "core/verify/JsonReformatter.h"
#include "core/verify/ProviderTable.h"
#include "core/verify/SignatureEvidence.h"
#include "core/verify/SignatureHeaderParser.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QList<ProviderScheme> &schemes = ProviderTable::schemes();
    const ProviderScheme &scheme = schemes.at(data[0] % schemes.size());
    const QByteArray value(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    for (const ProviderScheme::SignatureHeader &h : scheme.signatureHeaders) {
        const ParsedSignatureHeader p = SignatureHeaderParser::parse(scheme, h, value);
        if (p.ok && (p.decoded.isEmpty() || p.decoded.size() != p.texts.size()))
            std::abort();
        if (!p.ok && p.error.isEmpty())
            std::abort();
        const int expected = SignatureHeaderParser::signatureSize(h.algorithm);
        for (const QByteArray &d : p.decoded) {
            if (expected > 0 && d.size() != expected)
                std::abort();
        }
        // What was decoded encodes back to what was sent (hex case aside).
        for (qsizetype i = 0; i < p.decoded.size(); ++i) {
            if (SignatureHeaderParser::encode(scheme.encoding, p.decoded.at(i)).toLower() !=
                p.texts.at(i).toLower())
                std::abort();
        }
    }
    qint64 seconds = 0;
    for (auto unit :
         {ProviderScheme::TimestampUnit::Seconds, ProviderScheme::TimestampUnit::Milliseconds,
          ProviderScheme::TimestampUnit::Rfc3339})
        SignatureEvidence::parseTimestamp(unit, value, &seconds);
    QByteArray out;
    if (JsonReformatter::reformat(value, JsonReformatter::Style::Indent2, &out)) {
        QByteArray again;
        // A layout of a layout is the same tokens: compacting both gives the same bytes.
        QByteArray a, b;
        if (!JsonReformatter::reformat(out, JsonReformatter::Style::Compact, &a) ||
            !JsonReformatter::reformat(value, JsonReformatter::Style::Compact, &b) || a != b)
            std::abort();
    }
    JsonReformatter::unescapeNonAscii(value);
    JsonReformatter::escapeNonAscii(value, false);
    return 0;
}
