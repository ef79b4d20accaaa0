#include "core/capture/ContentDecoder.h"

#include <QList>
#include <QScopeGuard>

#include <zlib.h>

namespace {

enum class Wrapping
{
    Gzip,
    Zlib,
    Raw
};

enum class Outcome
{
    Done,
    TooLarge,
    Failed
};

constexpr qint64 FirstChunk = 64 * 1024;
// zlib counts in uInt; feed and drain it in pieces well below that.
constexpr qint64 MaxStep = 1 << 30;

QString sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes / 1024);
    return QStringLiteral("%1 bytes").arg(bytes);
}

// A zlib header (RFC 1950) says compression method 8 with a window that fits, and its check bits
// make the first two bytes a multiple of 31. Raw deflate data rarely looks like that.
bool looksZlibWrapped(const QByteArray &in)
{
    if (in.size() < 2)
        return false;
    const uchar cmf = uchar(in[0]);
    const uchar flg = uchar(in[1]);
    return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
}

// Inflates `in` into `out`, never holding more than maxExpanded + 1 output bytes: the buffer
// grows in steps and the first byte past the limit ends the work.
Outcome inflateAll(const QByteArray &in, Wrapping wrapping, const QString &name, qint64 maxExpanded,
                   QByteArray &out, QString &error)
{
    z_stream zs = {};
    const int windowBits = wrapping == Wrapping::Gzip   ? 15 + 16
                           : wrapping == Wrapping::Zlib ? 15
                                                        : -15;
    if (inflateInit2(&zs, windowBits) != Z_OK) {
        error = QStringLiteral("could not start the %1 decoder").arg(name);
        return Outcome::Failed;
    }
    const auto end = qScopeGuard([&zs] { inflateEnd(&zs); });

    const char *input = in.constData();
    qint64 inputLeft = in.size();
    qint64 produced = 0;
    out.clear();
    for (;;) {
        if (zs.avail_in == 0 && inputLeft > 0) {
            const qint64 step = qMin(inputLeft, MaxStep);
            zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(input));
            zs.avail_in = uInt(step);
            input += step;
            inputLeft -= step;
        }
        if (produced == out.size()) {
            const qint64 room = qMin(maxExpanded + 1, qMax(out.size() * 2, FirstChunk));
            if (room <= produced) {
                error = QStringLiteral("%1 body expands past the %2 limit (decompression bomb?)")
                            .arg(name, sizeText(maxExpanded));
                return Outcome::TooLarge;
            }
            out.reserve(room); // exactly this much; resize() alone may round the allocation up
            out.resize(room);
        }
        const qint64 space = qMin(out.size() - produced, MaxStep);
        zs.next_out = reinterpret_cast<Bytef *>(out.data() + produced);
        zs.avail_out = uInt(space);
        const int rc = inflate(&zs, Z_NO_FLUSH);
        produced += space - zs.avail_out;
        if (produced > maxExpanded) {
            error = QStringLiteral("%1 body expands past the %2 limit (decompression bomb?)")
                        .arg(name, sizeText(maxExpanded));
            return Outcome::TooLarge;
        }
        if (rc == Z_STREAM_END) {
            const qint64 rest = zs.avail_in + inputLeft;
            if (rest == 0)
                break;
            // A gzip file may hold several members back to back (RFC 1952, 2.2).
            const char *next = reinterpret_cast<const char *>(zs.next_in);
            if (wrapping == Wrapping::Gzip && rest >= 2 && uchar(next[0]) == 0x1f &&
                uchar(next[1]) == 0x8b) {
                inflateReset(&zs);
                continue;
            }
            error = QStringLiteral("%1 body has %2 unexpected bytes after the end of the stream")
                        .arg(name)
                        .arg(rest);
            return Outcome::Failed;
        }
        if (rc == Z_NEED_DICT) {
            error = QStringLiteral("%1 body needs a preset dictionary, which HTTP never provides")
                        .arg(name);
            return Outcome::Failed;
        }
        if (rc == Z_DATA_ERROR) {
            error = QStringLiteral("%1 body is corrupt: %2")
                        .arg(name, QString::fromLatin1(zs.msg ? zs.msg : "invalid data"));
            return Outcome::Failed;
        }
        if (rc == Z_MEM_ERROR) {
            error = QStringLiteral("out of memory while decoding the %1 body").arg(name);
            return Outcome::Failed;
        }
        // Z_BUF_ERROR, or Z_OK with all input used and room left: the stream simply stops.
        if (zs.avail_in == 0 && inputLeft == 0 && (rc == Z_BUF_ERROR || zs.avail_out > 0)) {
            error = QStringLiteral("%1 body is truncated: the compressed stream stops before its "
                                   "end marker (%2 bytes decoded)")
                        .arg(name)
                        .arg(produced);
            return Outcome::Failed;
        }
    }
    out.resize(produced);
    out.squeeze();
    return Outcome::Done;
}

bool decodeOne(const QByteArray &in, const QByteArray &coding, qint64 maxExpanded, QByteArray &out,
               QString &error)
{
    if (coding == "gzip" || coding == "x-gzip")
        return inflateAll(in, Wrapping::Gzip, QStringLiteral("gzip"), maxExpanded, out, error) ==
               Outcome::Done;
    // "deflate" means zlib-wrapped (RFC 9110, 8.4.1.2), but many senders send raw deflate.
    const QString name = QStringLiteral("deflate");
    if (!looksZlibWrapped(in))
        return inflateAll(in, Wrapping::Raw, name, maxExpanded, out, error) == Outcome::Done;
    const Outcome zlib = inflateAll(in, Wrapping::Zlib, name, maxExpanded, out, error);
    if (zlib != Outcome::Failed)
        return zlib == Outcome::Done;
    // The header only looked like zlib's; the zlib error stays the one reported if raw fails too.
    QString rawError;
    return inflateAll(in, Wrapping::Raw, name, maxExpanded, out, rawError) == Outcome::Done;
}

} // namespace

ContentDecoder::Result ContentDecoder::decode(const QByteArray &body,
                                              const QByteArray &contentEncoding, qint64 maxExpanded)
{
    Result result;
    if (contentEncoding.isEmpty()) { // the common case, without a split
        result.data = body;
        result.ok = true;
        return result;
    }
    // Codings are listed in the order they were applied ("deflate, gzip"); undo them backwards.
    QList<QByteArray> codings;
    for (const QByteArray &part : contentEncoding.split(',')) {
        const QByteArray coding = part.trimmed().toLower();
        if (coding.isEmpty() || coding == "identity")
            continue;
        if (coding != "gzip" && coding != "x-gzip" && coding != "deflate") {
            result.error = QStringLiteral("Content-Encoding \"%1\" is not supported (only gzip and "
                                          "deflate are)")
                               .arg(QString::fromLatin1(coding));
            return result;
        }
        codings.append(coding);
    }
    // Nothing to undo, or nothing to undo it on (an empty body labelled gzip is common enough).
    if (codings.isEmpty() || body.isEmpty()) {
        result.data = body;
        result.ok = true;
        return result;
    }
    QByteArray data = body;
    for (qsizetype i = codings.size() - 1; i >= 0; --i) {
        QByteArray out;
        if (!decodeOne(data, codings.at(i), maxExpanded, out, result.error))
            return result;
        data = out;
    }
    result.data = data;
    result.ok = true;
    result.decoded = true;
    return result;
}
