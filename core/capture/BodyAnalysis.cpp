#include "core/capture/BodyAnalysis.h"

#include "core/capture/ContentDecoder.h"

namespace {

bool looksLikeJson(const QByteArray &body)
{
    for (char c : body) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

bool isMostlyText(const QByteArray &body)
{
    const qsizetype sample = qMin<qsizetype>(body.size(), 4096);
    int control = 0;
    for (qsizetype i = 0; i < sample; ++i) {
        const auto c = static_cast<unsigned char>(body.at(i));
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
            ++control;
    }
    return control * 100 <= sample; // at most 1% control bytes
}

} // namespace

BodyAnalysis BodyAnalysis::analyze(const QByteArray &raw, const ParsedRequest &parsed)
{
    BodyAnalysis a;
    a.body = parsed.body(raw);
    const QByteArray encoding = parsed.header("Content-Encoding").trimmed();
    if (!encoding.isEmpty() && encoding.compare("identity", Qt::CaseInsensitive) != 0) {
        const ContentDecoder::Result decoded =
            ContentDecoder::decode(a.body, encoding, MaxExpandedBytes);
        if (!decoded.ok) {
            a.problem = decoded.error;
            a.kind = a.body.isEmpty() ? Kind::Empty : Kind::Binary;
            return a;
        }
        a.body = decoded.data;
        a.contentDecoded = decoded.decoded;
    }
    if (a.body.isEmpty()) {
        a.kind = Kind::Empty;
        return a;
    }
    const QByteArray type = parsed.header("Content-Type").toLower();
    if (type.contains("x-www-form-urlencoded")) {
        a.kind = Kind::Form;
        a.form = FormFields::parse(a.body);
    } else if (type.startsWith("multipart/")) {
        a.kind = Kind::Multipart;
        a.multipart = MultipartBody::parse(a.body, parsed.header("Content-Type"));
        a.problem = a.multipart.error;
    } else if (type.contains("json") || looksLikeJson(a.body)) {
        a.kind = Kind::Json;
        auto doc = std::make_shared<JsonDocument>(JsonDocument::parse(a.body));
        if (!doc->isValid())
            a.problem = QStringLiteral("JSON error at byte %1: %2")
                            .arg(doc->errorOffset())
                            .arg(doc->errorString());
        a.json = std::move(doc);
    } else {
        a.kind = isMostlyText(a.body) ? Kind::Text : Kind::Binary;
    }
    return a;
}
