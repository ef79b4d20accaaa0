#include "core/forward/SigV4Signer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

// Every case of the AWS SigV4 test suite (tests/data/aws-sigv4, a copy of ../shared/testdata): the
// canonical request, the string to sign and the Authorization header must match byte for byte.
class TestSigV4Signer : public QObject
{
    Q_OBJECT

private:
    static QByteArray readCase(const QString &base, const char *ext)
    {
        QFile f(base + QLatin1String(ext));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return f.readAll().replace("\r", "");
    }

    // The suite's .req: request line, headers (a line starting with white space continues the
    // previous one), an empty line, the body.
    static SigV4Signer::Request parseRequest(const QByteArray &raw)
    {
        SigV4Signer::Request r;
        const qsizetype headEnd = raw.indexOf("\n\n");
        const QByteArray head = headEnd < 0 ? raw : raw.left(headEnd);
        r.body = headEnd < 0 ? QByteArray() : raw.mid(headEnd + 2);
        const QList<QByteArray> lines = head.split('\n');
        const QByteArray &first = lines.first();
        const qsizetype sp = first.indexOf(' ');
        const qsizetype lastSp = first.lastIndexOf(' ');
        r.method = first.left(sp);
        const QByteArray target = first.mid(sp + 1, lastSp - sp - 1);
        const qsizetype q = target.indexOf('?');
        r.path = q < 0 ? target : target.left(q);
        r.query = q < 0 ? QByteArray() : target.mid(q + 1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray &line = lines.at(i);
            if (line.isEmpty())
                continue;
            if ((line.startsWith(' ') || line.startsWith('\t')) && !r.headers.isEmpty()) {
                r.headers.last().second += '\n' + line;
                continue;
            }
            const qsizetype colon = line.indexOf(':');
            r.headers.append({line.left(colon), line.mid(colon + 1)});
        }
        return r;
    }

private Q_SLOTS:
    void suite_data()
    {
        QTest::addColumn<QString>("base");
        QDirIterator it(QStringLiteral(HB_SIGV4_SUITE), {QStringLiteral("*.req")}, QDir::Files,
                        QDirIterator::Subdirectories);
        QStringList bases;
        while (it.hasNext())
            bases.append(it.next().chopped(4));
        bases.sort();
        QVERIFY2(bases.size() >= 30, qPrintable(QStringLiteral("only %1 cases found under %2")
                                                    .arg(bases.size())
                                                    .arg(QStringLiteral(HB_SIGV4_SUITE))));
        for (const QString &b : std::as_const(bases))
            QTest::newRow(qPrintable(QDir(QStringLiteral(HB_SIGV4_SUITE)).relativeFilePath(b)))
                << b;
    }

    void suite()
    {
        QFETCH(QString, base);
        const QByteArray creq = readCase(base, ".creq");
        const QByteArray sts = readCase(base, ".sts");
        const QByteArray authz = readCase(base, ".authz");
        QVERIFY(!creq.isEmpty() && !sts.isEmpty() && !authz.isEmpty());

        AwsCredentials creds;
        creds.accessKeyId = "AKIDEXAMPLE";
        creds.secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
        // As botocore's runner does: a case signs with a token when its canonical request has one.
        const auto token = QRegularExpression(QStringLiteral("^x-amz-security-token:(.*)$"),
                                              QRegularExpression::MultilineOption)
                               .match(QString::fromUtf8(creq));
        if (token.hasMatch())
            creds.sessionToken = token.captured(1).toUtf8();

        const SigV4Signer signer("us-east-1", "service");
        const auto s = signer.sign(parseRequest(readCase(base, ".req")), creds,
                                   QDateTime(QDate(2015, 8, 30), QTime(12, 36), Qt::UTC));
        QCOMPARE(s.canonicalRequest, creq);
        QCOMPARE(s.stringToSign, sts);
        QCOMPARE(s.authorization, authz);
        QCOMPARE(s.headers.last(), qMakePair(QByteArray("Authorization"), authz));
    }

    void signingKeyMatchesTheDocumentedExample()
    {
        // AWS's documented derivation example (Signature Version 4 "Examples of how to derive
        // a signing key"): secret, 20120215, us-east-1, iam.
        QCOMPARE(SigV4Signer::signingKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215",
                                         "us-east-1", "iam")
                     .toHex(),
                 QByteArray("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
    }

    void staleDateAndTokenHeadersAreReplaced()
    {
        SigV4Signer::Request r;
        r.method = "POST";
        r.headers = {{"Host", "events.eu-west-1.amazonaws.com"},
                     {"X-Amz-Date", "19990101T000000Z"},
                     {"X-Amz-Security-Token", "old"}};
        AwsCredentials c;
        c.accessKeyId = "AKIDEXAMPLE";
        c.secretAccessKey = "secret";
        c.sessionToken = "new-token";
        const auto s = SigV4Signer("eu-west-1", "events")
                           .sign(r, c, QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC));
        QVERIFY(s.canonicalRequest.contains("x-amz-date:20260102T030405Z\n"));
        QVERIFY(s.canonicalRequest.contains("x-amz-security-token:new-token\n"));
        QVERIFY(!s.canonicalRequest.contains("19990101"));
        QVERIFY(!s.canonicalRequest.contains("old"));
        QVERIFY(s.authorization.contains("/20260102/eu-west-1/events/aws4_request"));
        QVERIFY(!s.authorization.contains("secret"));
    }

    void s3PathIsNotNormalised()
    {
        QCOMPARE(SigV4Signer::canonicalUri("//a/./b//", false), QByteArray("//a/./b//"));
        QCOMPARE(SigV4Signer::canonicalUri("//a/./b//", true), QByteArray("/a/b/"));
    }
};

QTEST_GUILESS_MAIN(TestSigV4Signer)
#include "tst_sigv4signer.moc"
