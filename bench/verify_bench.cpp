// Verification benchmark: plain verification of a 1 MB Stripe event (MB/s, to compare with
// `openssl speed -hmac sha256`, see verify.sh), the full diagnosis of a failing 1 MB event
// (every secret, every body transformation), and the diagnosis of a failing 32 MB event (time and
// the peak memory it adds, read from /proc/self/status). Prints "name value unit" lines.
#include "core/http/RequestFramer.h"
#include "core/verify/ProviderRegistry.h"
#include "core/verify/Signer.h"
#include "core/verify/Verifier.h"

#include <QElapsedTimer>
#include <QFile>
#include <algorithm>
#include <cstdio>
#include <vector>
#if defined(__GLIBC__)
#include <malloc.h>
#include <time.h>
#endif

namespace {

// This thread's CPU time in ms: the figure to compare on a shared machine, where wall time is
// noisy.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// A Stripe-like event pretty-printed with two spaces, as Stripe sends it, of about `bytes`.
QByteArray stripeEvent(qsizetype bytes)
{
    QByteArray b = "{\n  \"id\": \"evt_1Pbench\",\n  \"object\": \"event\",\n  \"type\": "
                   "\"invoice.paid\",\n  \"data\": {\n    \"object\": {\n      \"lines\": [\n";
    int i = 0;
    while (b.size() < bytes - 200) {
        b += "        {\n          \"id\": \"il_" + QByteArray::number(i) +
             "\",\n          \"description\": \"Caf\xC3\xA9 au lait \xE2\x80\x94 1 \xC3\x97 "
             "https://example.com/p/" +
             QByteArray::number(i) + "\",\n          \"amount\": " + QByteArray::number(i * 7) +
             "\n        },\n";
        ++i;
    }
    b += "        {}\n      ]\n    }\n  }\n}";
    return b;
}

// A field of /proc/self/status in MiB ("VmRSS", "VmHWM"); -1 where there is no such file.
double statusMiB(const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

// Starts a new peak (VmHWM) from the current RSS; false where the kernel does not offer it.
bool resetPeakRss()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

double medianMs(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    const int rounds = argc > 1 ? std::max(3, atoi(argv[1])) : 41;
    const QByteArray body = stripeEvent(1024 * 1024);
    const auto scheme = *ProviderRegistry::find(QStringLiteral("stripe"));
    const qint64 at = 1763779200;
    Signer::Options so;
    so.secret = "whsec_bench_secret_0123456789abcdef";
    so.atS = at;
    const QByteArray raw = Signer::sign(scheme, body, so).request;
    const ParsedRequest parsed = RequestFramer::parse(raw);

    VerifyOptions ok;
    ok.provider = QStringLiteral("stripe");
    ok.secrets = {so.secret};
    ok.atS = at;
    ok.diagnose = false;
    std::vector<double> times;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        const Verdict v = Verifier::verify(raw, parsed, scheme, ok);
        times.push_back(t.nsecsElapsed() / 1e6);
        if (!v.valid) {
            std::fprintf(stderr, "bench: the signed event does not verify\n");
            return 1;
        }
    }
    const double verifyMs = medianMs(times);
    std::printf("body_bytes %lld bytes\n", static_cast<long long>(body.size()));
    std::printf("verify_1mb_ms %.3f ms\n", verifyMs);
    std::printf("verify_rate %.1f MB/s\n", body.size() / 1e6 / (verifyMs / 1e3));

    // Failing: the signing secret is not among the three given, one of them has a stray newline
    // and two other endpoints have secrets, so every secret form and every body transformation
    // is tried and none matches: the worst case.
    VerifyOptions failing = ok;
    failing.diagnose = true;
    failing.secrets = {"whsec_rotated_0", "whsec_rotated_1\n", "rotated_2"};
    failing.otherEndpointSecrets = {{"stripe-cli", "whsec_cli"}, {"connect", "whsec_connect"}};
    failing.firstSeenDelivery = [](const QByteArray &) { return qint64(0); };
    times.clear();
    std::vector<double> cpu;
    int hazards = 0;
    for (int r = 0; r < std::max(3, rounds / 4); ++r) {
        QElapsedTimer t;
        t.start();
        const double cpu0 = threadCpuMs();
        const Verdict v = Verifier::verify(raw, parsed, scheme, failing);
        cpu.push_back(threadCpuMs() - cpu0);
        times.push_back(t.nsecsElapsed() / 1e6);
        hazards = int(v.hazards.size());
        if (v.reason != Verdict::Reason::SignatureMismatch) {
            std::fprintf(stderr, "bench: the failing event did not fail\n");
            return 1;
        }
    }
    std::printf("diagnosis_1mb_ms %.3f ms\n", medianMs(times));
    std::printf("diagnosis_1mb_cpu_ms %.3f ms\n", medianMs(cpu));
    std::printf("diagnosis_hazards %d count\n", hazards);

    // The same with a diagnosis that finds something: the body was compacted by a JSON library.
    QByteArray compact = body;
    compact.replace("\n", "");
    QByteArray reserialized = raw.left(parsed.bodySegments.first().offset);
    reserialized.replace(QByteArray("Content-Length: " + QByteArray::number(body.size())),
                         QByteArray("Content-Length: " + QByteArray::number(compact.size())));
    reserialized += compact;
    const ParsedRequest parsed2 = RequestFramer::parse(reserialized);
    VerifyOptions found = failing;
    found.secrets.append(so.secret);
    times.clear();
    for (int r = 0; r < std::max(3, rounds / 4); ++r) {
        QElapsedTimer t;
        t.start();
        const Verdict v = Verifier::verify(reserialized, parsed2, scheme, found);
        times.push_back(t.nsecsElapsed() / 1e6);
        hazards = int(v.hazards.size());
    }
    std::printf("diagnosis_found_1mb_ms %.3f ms\n", medianMs(times));
    std::printf("diagnosis_found_hazards %d count\n", hazards);

    // A failing 32 MB event (issue 7: 2.9 s and 560 MB): one run, time and the memory it adds on
    // top of the request already in memory.
    {
        const QByteArray big = stripeEvent(32 * 1024 * 1024);
        const QByteArray bigRaw = Signer::sign(scheme, big, so).request;
        const ParsedRequest bigParsed = RequestFramer::parse(bigRaw);
#if defined(__GLIBC__)
        malloc_trim(0); // freed heap pages would otherwise be reused without raising the RSS
#endif
        const double before = statusMiB("VmRSS");
        const bool peakReset = resetPeakRss();
        QElapsedTimer t;
        t.start();
        const Verdict v = Verifier::verify(bigRaw, bigParsed, scheme, failing);
        const double ms = t.nsecsElapsed() / 1e6;
        if (v.reason != Verdict::Reason::SignatureMismatch) {
            std::fprintf(stderr, "bench: the failing 32 MB event did not fail\n");
            return 1;
        }
        std::printf("diagnosis_32mb_ms %.1f ms\n", ms);
        std::printf("diagnosis_32mb_hazards %d count\n", int(v.hazards.size()));
        if (peakReset)
            std::printf("diagnosis_32mb_peak_added_mb %.1f MiB\n", statusMiB("VmHWM") - before);
        std::printf("diagnosis_32mb_request_mb %.1f MiB\n", bigRaw.size() / 1048576.0);
        // The fast verdict alone (what the commit path waits for): one HMAC per secret.
        VerifyOptions fast = failing;
        fast.diagnose = false;
        t.restart();
        const Verdict f = Verifier::verify(bigRaw, bigParsed, scheme, fast);
        std::printf("fast_verdict_32mb_ms %.1f ms\n", t.nsecsElapsed() / 1e6);
        if (f.reason != Verdict::Reason::SignatureMismatch)
            return 1;
    }
    return 0;
}
