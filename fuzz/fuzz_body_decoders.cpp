// Feeds arbitrary bytes to every body decoder and checks the invariants the views rely on: spans
// inside the body and in order, nodeAt() agreeing with the spans, JsonDocument agreeing with
// simdjson's own validating parser, and ContentDecoder honouring its bound and round-tripping.
#include "core/capture/ContentDecoder.h"
#include "core/capture/FormFields.h"
#include "core/capture/JsonDocument.h"
#include "core/capture/MultipartBody.h"

#include <simdjson.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

#define REQUIRE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

bool inside(const ByteSpan &s, qint64 size)
{
    return s.offset >= 0 && s.length >= 0 && s.end() <= size;
}

void checkJson(const QByteArray &input)
{
    const JsonDocument doc = JsonDocument::parse(input);
    const qint64 size = input.size();

    // The reference: simdjson's DOM parser validates everything. It refuses numbers a double
    // cannot hold, which JsonDocument accepts on purpose, so that is the one allowed difference.
    simdjson::dom::parser reference(size_t(JsonDocument::MaxDepth) + 8);
    simdjson::dom::element root;
    const simdjson::padded_string padded(input.constData(), size_t(size));
    const auto referenceError = reference.parse(padded).get(root);
    if (referenceError == simdjson::SUCCESS)
        REQUIRE(doc.isValid() || doc.errorString().startsWith(QLatin1String("nesting deeper")));
    else if (doc.isValid())
        REQUIRE(referenceError == simdjson::NUMBER_ERROR);

    if (!doc.isValid()) {
        REQUIRE(!doc.errorString().isEmpty());
        REQUIRE(doc.errorOffset() >= 0 && doc.errorOffset() <= size);
        REQUIRE(doc.nodeCount() == 0);
        REQUIRE(doc.nodeAt(0) == -1);
        return;
    }
    REQUIRE(doc.nodeCount() >= 1);
    const int checked = qMin(doc.nodeCount(), 20000);
    for (int i = 0; i < checked; ++i) {
        const JsonDocument::Node n = doc.node(i);
        REQUIRE(inside(n.span, size));
        REQUIRE(n.span.length > 0);
        REQUIRE(doc.rawText(i).size() == n.span.length);
        REQUIRE(doc.nodeAt(n.span.offset) == i);
        const char first = input[n.span.offset];
        const char last = input[n.span.end() - 1];
        switch (n.type) {
        case JsonDocument::Type::Object:
            REQUIRE(first == '{' && last == '}');
            break;
        case JsonDocument::Type::Array:
            REQUIRE(first == '[' && last == ']');
            break;
        case JsonDocument::Type::String:
            REQUIRE(first == '"' && last == '"' && n.span.length >= 2);
            (void)doc.stringValue(i);
            (void)doc.stringValue(i, 3);
            break;
        default:
            break;
        }
        if (n.parent < 0) {
            REQUIRE(i == 0);
            REQUIRE(n.keySpan.isEmpty());
            continue;
        }
        const JsonDocument::Node p = doc.node(n.parent);
        REQUIRE(n.span.offset > p.span.offset && n.span.end() < p.span.end());
        if (p.type == JsonDocument::Type::Object) {
            REQUIRE(inside(n.keySpan, size) && n.keySpan.length >= 2);
            REQUIRE(n.keySpan.end() < n.span.offset && n.keySpan.offset > p.span.offset);
            REQUIRE(input[n.keySpan.offset] == '"' && input[n.keySpan.end() - 1] == '"');
            REQUIRE(doc.nodeAt(n.keySpan.offset) == i);
            (void)doc.key(i);
            (void)doc.key(i, 2);
        } else {
            REQUIRE(p.type == JsonDocument::Type::Array && n.keySpan.isEmpty());
        }
        if (n.nextSibling >= 0) {
            const JsonDocument::Node s = doc.node(n.nextSibling);
            REQUIRE(s.parent == n.parent);
            const qint64 siblingStart = s.keySpan.isEmpty() ? s.span.offset : s.keySpan.offset;
            REQUIRE(siblingStart > n.span.end());
        }
        if (n.childCount > 0) {
            REQUIRE(n.firstChild == i + 1);
            REQUIRE(doc.child(i, 0) == n.firstChild);
            REQUIRE(doc.node(doc.child(i, n.childCount - 1)).nextSibling == -1);
        }
    }
    // Offsets between tokens land on the innermost container, never outside the root.
    for (qint64 offset : {qint64(0), size / 3, size / 2, size - 1}) {
        const int hit = doc.nodeAt(offset);
        if (hit >= 0) {
            const JsonDocument::Node n = doc.node(hit);
            REQUIRE(n.span.contains(offset) || n.keySpan.contains(offset));
        }
    }
}

QByteArray compressed(const QByteArray &data, int windowBits)
{
    z_stream zs = {};
    if (deflateInit2(&zs, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))), Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : QByteArray();
}

void checkDecoder(const QByteArray &input)
{
    constexpr qint64 Bound = 1 << 20;
    for (const char *encoding : {"gzip", "deflate", "deflate, gzip"}) {
        const ContentDecoder::Result r = ContentDecoder::decode(input, encoding, Bound);
        REQUIRE(r.ok != !r.error.isEmpty());
        REQUIRE(r.data.size() <= Bound);
        if (!r.ok)
            REQUIRE(r.data.isEmpty());
    }
    // What zlib makes must come back unchanged, whichever way deflate is wrapped.
    for (int windowBits : {31, 15, -15}) {
        const QByteArray packed = compressed(input, windowBits);
        REQUIRE(!packed.isEmpty());
        const ContentDecoder::Result r =
            ContentDecoder::decode(packed, windowBits == 31 ? "gzip" : "deflate", Bound);
        REQUIRE(r.ok);
        REQUIRE(r.data == input);
    }
}

void checkForm(const QByteArray &input)
{
    qint64 previousEnd = -1;
    for (const FormFields::Field &f : FormFields::parse(input)) {
        REQUIRE(inside(f.nameSpan, input.size()) && inside(f.valueSpan, input.size()));
        REQUIRE(f.nameSpan.offset > previousEnd);
        REQUIRE(f.nameSpan.end() <= f.valueSpan.offset);
        REQUIRE(f.name.size() <= f.nameSpan.length && f.value.size() <= f.valueSpan.length);
        previousEnd = f.valueSpan.end();
    }
}

void checkMultipart(const QByteArray &body, const QByteArray &contentType)
{
    const MultipartBody mb = MultipartBody::parse(body, contentType);
    qint64 previousEnd = 0;
    for (const MultipartBody::Part &p : mb.parts) {
        REQUIRE(inside(p.headerSpan, body.size()) && inside(p.bodySpan, body.size()));
        REQUIRE(p.headerSpan.offset >= previousEnd);
        REQUIRE(p.headerSpan.end() <= p.bodySpan.offset);
        previousEnd = p.bodySpan.end();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkJson(input);
    checkDecoder(input);
    checkForm(input);
    // Multipart: the first line is the Content-Type, so the fuzzer can pick its own boundary.
    const qsizetype newline = input.indexOf('\n');
    if (newline >= 0)
        checkMultipart(input.mid(newline + 1), input.left(newline));
    checkMultipart(input, "multipart/form-data; boundary=b");
    return 0;
}
