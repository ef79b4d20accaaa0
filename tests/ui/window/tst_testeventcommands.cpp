#include "ui/window/TestEventCommands.h"

#include <QtTest>

// The command lines the empty state offers; that they really produce a verified capture is
// tst_emptystate's part (it runs them).
class TestTestEventCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shellQuoting();
    void stripeHasSignStripeListenAndCurl();
    void githubSignsWithTheKeychainNotASecret();
    void genericHmacPassesItsScheme();
    void publicKeyProvidersSayWhyThereIsNoSignCommand();
    void endpointWithoutProviderGetsCurlOnly();

private:
    static EndpointConfig endpoint(const QString &id, const QString &path, const QString &provider)
    {
        EndpointConfig e;
        e.id = id;
        e.path = path;
        e.provider = provider;
        return e;
    }
    static QStringList kinds(const QList<TestEventCommands::Command> &commands)
    {
        QStringList out;
        for (const auto &c : commands)
            out.append(c.kind == TestEventCommands::Kind::Sign           ? "sign"
                       : c.kind == TestEventCommands::Kind::StripeListen ? "stripe"
                                                                         : "curl");
        return out;
    }
};

void TestTestEventCommands::shellQuoting()
{
    QCOMPARE(TestEventCommands::shellQuote("http://127.0.0.1:8787/stripe"),
             QString("http://127.0.0.1:8787/stripe"));
    QCOMPARE(TestEventCommands::shellQuote("a b"), QString("'a b'"));
    QCOMPARE(TestEventCommands::shellQuote("it's"), QString("'it'\\''s'"));
    QCOMPARE(TestEventCommands::shellQuote("/x?y=1&z=$HOME"), QString("'/x?y=1&z=$HOME'"));
    QCOMPARE(TestEventCommands::shellQuote(""), QString("''"));
}

void TestTestEventCommands::stripeHasSignStripeListenAndCurl()
{
    const auto commands = TestEventCommands::forEndpoint(
        "http://127.0.0.1:8787", endpoint("stripe-dev", "/stripe", "stripe"));
    QCOMPARE(kinds(commands), QStringList({"sign", "stripe", "curl"}));
    QCOMPARE(commands.at(0).text,
             QString("printf '%s' "
                     "'{\"id\":\"evt_hookbench_test\",\"object\":\"event\",\"type\":"
                     "\"hookbench.test\"}' | hookbench-cli sign --provider stripe "
                     "--secret-keychain stripe-dev --send http://127.0.0.1:8787/stripe -"));
    QCOMPARE(commands.at(1).text,
             QString("stripe listen --forward-to http://127.0.0.1:8787/stripe"));
    QCOMPARE(commands.at(2).text,
             QString("curl -H 'Content-Type: application/json' --data "
                     "'{\"id\":\"evt_hookbench_test\",\"object\":\"event\",\"type\":"
                     "\"hookbench.test\"}' http://127.0.0.1:8787/stripe"));
}

void TestTestEventCommands::githubSignsWithTheKeychainNotASecret()
{
    // A path that needs quoting and an id with a space: both quoted where they are used.
    const auto commands = TestEventCommands::forEndpoint(
        "http://[::1]:9000", endpoint("gh hooks", "hooks/gh", "github"));
    QCOMPARE(kinds(commands), QStringList({"sign", "curl"}));
    QVERIFY2(commands.at(0).text.contains("--provider github --secret-keychain 'gh hooks' --send "
                                          "'http://[::1]:9000/hooks/gh' -"),
             qPrintable(commands.at(0).text));
    QVERIFY(!commands.at(0).text.contains("--secret-env"));
    QVERIFY(commands.at(0).note.contains("secrets set 'gh hooks' --from-stdin"));
}

void TestTestEventCommands::genericHmacPassesItsScheme()
{
    EndpointConfig e = endpoint("custom", "/custom", "generic-hmac");
    e.scheme = QJsonObject{{"header", "X-Hmac"},
                           {"algorithm", "sha512"},
                           {"encoding", "base64"},
                           {"prefix", "sha512="},
                           {"template", "{timestamp}.{body}"},
                           {"timestamp_header", "X-Ts"}};
    const QString sign = TestEventCommands::forEndpoint("http://127.0.0.1:1", e).at(0).text;
    QVERIFY2(sign.contains("--provider generic-hmac --header X-Hmac --algorithm sha512 "
                           "--encoding base64 --prefix sha512= --template '{timestamp}.{body}' "
                           "--timestamp-header X-Ts --secret-keychain custom"),
             qPrintable(sign));
}

void TestTestEventCommands::publicKeyProvidersSayWhyThereIsNoSignCommand()
{
    const auto commands = TestEventCommands::forEndpoint(
        "http://127.0.0.1:1", endpoint("discord", "/discord", "discord"));
    QCOMPARE(kinds(commands), QStringList({"sign", "curl"}));
    QVERIFY(commands.at(0).text.isEmpty());
    QVERIFY(commands.at(0).note.contains("private key"));
}

void TestTestEventCommands::endpointWithoutProviderGetsCurlOnly()
{
    const auto commands =
        TestEventCommands::forEndpoint("http://127.0.0.1:1", endpoint("any", "/any", ""));
    QCOMPARE(kinds(commands), QStringList({"curl"}));
    QVERIFY(commands.at(0).text.endsWith(" http://127.0.0.1:1/any"));
}

QTEST_GUILESS_MAIN(TestTestEventCommands)
#include "tst_testeventcommands.moc"
