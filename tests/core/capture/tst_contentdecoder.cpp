#include "core/capture/ContentDecoder.h"

#include <QTest>

#include <zlib.h>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

namespace {

enum class Format
{
    Gzip,
    Zlib,
    Raw
};

QByteArray deflateChunk(z_stream &zs, const QByteArray &in, int flush)
{
    QByteArray out;
    char buffer[16384];
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    zs.avail_in = uInt(in.size());
    do {
        zs.next_out = reinterpret_cast<Bytef *>(buffer);
        zs.avail_out = sizeof buffer;
        deflate(&zs, flush);
        out.append(buffer, qsizetype(sizeof buffer - zs.avail_out));
    } while (zs.avail_out == 0);
    return out;
}

QByteArray compress(const QByteArray &data, Format format)
{
    z_stream zs = {};
    const int windowBits = format == Format::Gzip ? 31 : format == Format::Zlib ? 15 : -15;
    if (deflateInit2(&zs, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    const QByteArray out = deflateChunk(zs, data, Z_FINISH);
    deflateEnd(&zs);
    return out;
}

// 1 GiB of zeros as one raw deflate stream of about 1 MB, built without compressing 1 GiB: after
// a full flush the compressor starts from scratch, so every 1 MiB chunk encodes to the same bytes.
QByteArray rawDeflateBomb()
{
    z_stream zs = {};
    deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);
    const QByteArray zeros(1024 * 1024, '\0');
    const QByteArray first = deflateChunk(zs, zeros, Z_FULL_FLUSH);
    const QByteArray again = deflateChunk(zs, zeros, Z_FULL_FLUSH);
    const QByteArray finish = deflateChunk(zs, QByteArray(), Z_FINISH);
    deflateEnd(&zs);
    if (first != again)
        return {};
    return again.repeated(1024) + finish;
}

qint64 peakRssBytes()
{
#ifdef Q_OS_UNIX
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
#ifdef Q_OS_MACOS
    return usage.ru_maxrss;
#else
    return qint64(usage.ru_maxrss) * 1024;
#endif
#else
    return -1;
#endif
}

QByteArray sampleText()
{
    QByteArray text;
    for (int i = 0; i < 20000; ++i)
        text += "line " + QByteArray::number(i) + ": {\"event\":\"charge.succeeded\"}\n";
    return text;
}

} // namespace

class TestContentDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void notEncoded_data();
    void notEncoded();
    void unsupported_data();
    void unsupported();
    void broken_data();
    void broken();
    void limitIsExact();
    void decompressionBomb_data();
    void decompressionBomb();
};

void TestContentDecoder::roundTrip_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray hello = "hello, webhook";
    const QByteArray text = sampleText();
    QTest::newRow("gzip") << compress(hello, Format::Gzip) << QByteArray("gzip") << hello;
    QTest::newRow("x-gzip") << compress(hello, Format::Gzip) << QByteArray("x-gzip") << hello;
    QTest::newRow("upper case, padded")
        << compress(hello, Format::Gzip) << QByteArray(" GZip ") << hello;
    QTest::newRow("gzip, large") << compress(text, Format::Gzip) << QByteArray("gzip") << text;
    QTest::newRow("deflate, zlib-wrapped")
        << compress(text, Format::Zlib) << QByteArray("deflate") << text;
    QTest::newRow("deflate, raw") << compress(text, Format::Raw) << QByteArray("deflate") << text;
    QTest::newRow("deflate, raw, tiny")
        << compress(hello, Format::Raw) << QByteArray("deflate") << hello;
    QTest::newRow("two gzip members")
        << compress("first,", Format::Gzip) + compress("second", Format::Gzip) << QByteArray("gzip")
        << QByteArray("first,second");
    QTest::newRow("deflate then gzip") << compress(compress(hello, Format::Zlib), Format::Gzip)
                                       << QByteArray("deflate, gzip") << hello;
    QTest::newRow("identity in the list")
        << compress(hello, Format::Gzip) << QByteArray("identity, gzip") << hello;
    QTest::newRow("empty payload")
        << compress(QByteArray(), Format::Gzip) << QByteArray("gzip") << QByteArray();
}

void TestContentDecoder::roundTrip()
{
    QFETCH(QByteArray, encoded);
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, expected);

    QVERIFY(!encoded.isEmpty());
    const ContentDecoder::Result r = ContentDecoder::decode(encoded, encoding);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.decoded);
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.data, expected);
}

void TestContentDecoder::notEncoded_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("encoding");

    QTest::newRow("no header") << QByteArray("{\"a\":1}") << QByteArray();
    QTest::newRow("identity") << QByteArray("plain") << QByteArray("identity");
    QTest::newRow("Identity, spaced") << QByteArray("plain") << QByteArray(" Identity ");
    QTest::newRow("empty body labelled gzip") << QByteArray() << QByteArray("gzip");
}

void TestContentDecoder::notEncoded()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, encoding);

    const ContentDecoder::Result r = ContentDecoder::decode(body, encoding);
    QVERIFY(r.ok);
    QVERIFY(!r.decoded);
    QCOMPARE(r.data, body);
}

void TestContentDecoder::unsupported_data()
{
    QTest::addColumn<QByteArray>("encoding");

    QTest::newRow("br") << QByteArray("br");
    QTest::newRow("zstd") << QByteArray("zstd");
    QTest::newRow("compress") << QByteArray("compress");
    QTest::newRow("br after gzip") << QByteArray("gzip, br");
}

void TestContentDecoder::unsupported()
{
    QFETCH(QByteArray, encoding);

    const ContentDecoder::Result r =
        ContentDecoder::decode(compress("data", Format::Gzip), encoding);
    QVERIFY(!r.ok);
    QVERIFY(r.data.isEmpty());
    QVERIFY2(r.error.contains(QLatin1String("not supported")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QLatin1String(encoding.split(',').last().trimmed())),
             qPrintable(r.error));
}

void TestContentDecoder::broken_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QString>("message");

    const QByteArray gz = compress(sampleText(), Format::Gzip);
    const QByteArray raw = compress(sampleText(), Format::Raw);
    QByteArray badBlock = gz;
    badBlock[10] = char(0x07); // first block: final, type 3 (reserved)
    QByteArray badCrc = compress("hello", Format::Gzip);
    badCrc[badCrc.size() - 8] = char(badCrc[badCrc.size() - 8] ^ 0x55);

    QTest::newRow("gzip cut in half")
        << gz.left(gz.size() / 2) << QByteArray("gzip") << "truncated";
    QTest::newRow("gzip without its trailer") << gz.chopped(4) << QByteArray("gzip") << "truncated";
    QTest::newRow("raw deflate cut")
        << raw.left(raw.size() / 2) << QByteArray("deflate") << "truncated";
    QTest::newRow("invalid block type") << badBlock << QByteArray("gzip") << "corrupt";
    QTest::newRow("checksum mismatch") << badCrc << QByteArray("gzip") << "corrupt";
    QTest::newRow("not gzip at all")
        << QByteArray("{\"plain\":\"json\"}") << QByteArray("gzip") << "corrupt";
    QTest::newRow("junk after the stream")
        << compress("hello", Format::Gzip) + "JUNK" << QByteArray("gzip") << "unexpected bytes";
}

void TestContentDecoder::broken()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, encoding);
    QFETCH(QString, message);

    const ContentDecoder::Result r = ContentDecoder::decode(body, encoding);
    QVERIFY(!r.ok);
    QVERIFY(r.data.isEmpty());
    QVERIFY2(r.error.contains(message), qPrintable(r.error));
}

void TestContentDecoder::limitIsExact()
{
    const QByteArray payload(100000, 'x');
    const QByteArray gz = compress(payload, Format::Gzip);

    const ContentDecoder::Result atLimit = ContentDecoder::decode(gz, "gzip", payload.size());
    QVERIFY2(atLimit.ok, qPrintable(atLimit.error));
    QCOMPARE(atLimit.data, payload);

    const ContentDecoder::Result pastLimit = ContentDecoder::decode(gz, "gzip", payload.size() - 1);
    QVERIFY(!pastLimit.ok);
    QVERIFY(pastLimit.data.isEmpty());
    QVERIFY2(pastLimit.error.contains(QLatin1String("limit")), qPrintable(pastLimit.error));
}

void TestContentDecoder::decompressionBomb_data()
{
    QTest::addColumn<QByteArray>("bomb");
    QTest::addColumn<QByteArray>("encoding");

    const QByteArray raw = rawDeflateBomb();
    QTest::newRow("1 GiB of zeros, raw deflate") << raw << QByteArray("deflate");
    // 1024 gzip members of 1 MiB each: also 1 GiB.
    QTest::newRow("1 GiB of zeros, gzip members")
        << compress(QByteArray(1024 * 1024, '\0'), Format::Gzip).repeated(1024)
        << QByteArray("gzip");
}

void TestContentDecoder::decompressionBomb()
{
    QFETCH(QByteArray, bomb);
    QFETCH(QByteArray, encoding);

    QVERIFY(!bomb.isEmpty());
    QVERIFY(bomb.size() < 8 * 1024 * 1024);
    const qint64 before = peakRssBytes();
    const ContentDecoder::Result r = ContentDecoder::decode(bomb, encoding, 1024 * 1024);
    const qint64 after = peakRssBytes();
    QVERIFY(!r.ok);
    QVERIFY(r.data.isEmpty());
    QVERIFY2(r.error.contains(QLatin1String("1 MiB limit")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QLatin1String("decompression bomb")), qPrintable(r.error));
    if (before < 0)
        QSKIP("no peak memory figure on this platform");
    // Expanding the whole GiB would raise the high-water mark by about that much.
    QVERIFY2(after - before < 32 * 1024 * 1024,
             qPrintable(QStringLiteral("peak RSS grew by %1 bytes").arg(after - before)));
}

QTEST_GUILESS_MAIN(TestContentDecoder)
#include "tst_contentdecoder.moc"
