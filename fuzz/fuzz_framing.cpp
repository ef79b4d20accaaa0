// Feeds arbitrary bytes to the HTTP framing the way a connection does (in pieces, with
// pipelined requests), and to the stored-request parser (copying, and as views into the bytes:
// both must agree). Checks the invariants the views rely on.
#include "core/http/RequestFramer.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const int step = 1 + data[0] % 64; // read size, chosen by the input
    const QByteArray wire(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    FramingLimits limits;
    limits.maxHeaderBytes = 4096;
    limits.maxBodyBytes = 16384;
    RequestFramer framer(limits);
    QByteArray buffer;
    for (qsizetype from = 0; from < wire.size(); from += step) {
        buffer += wire.mid(from, step);
        bool more = true;
        while (more && !buffer.isEmpty()) {
            switch (framer.advance(buffer)) {
            case RequestFramer::State::NeedMore:
                more = false;
                break;
            case RequestFramer::State::HeadersComplete:
                break;
            case RequestFramer::State::MessageComplete: {
                const ParsedRequest &r = framer.request();
                if (framer.messageEnd() <= 0 || framer.messageEnd() > buffer.size())
                    std::abort();
                for (const ByteSpan &s : r.bodySegments) {
                    if (s.offset < 0 || s.end() > framer.messageEnd())
                        std::abort();
                }
                for (const HeaderField &h : r.headers) {
                    if (h.lineSpan.offset < 0 || h.lineSpan.end() > framer.messageEnd())
                        std::abort();
                }
                buffer.remove(0, framer.messageEnd());
                framer.reset();
                break;
            }
            case RequestFramer::State::Failed:
                if (framer.errorStatus() < 400 || framer.request().error.isEmpty())
                    std::abort();
                return 0;
            }
        }
    }
    const ParsedRequest stored = RequestFramer::parse(wire);
    const QByteArray body = stored.body(wire);
    if (body.size() != stored.bodySize())
        std::abort();
    // the scan's framing (views into the bytes) gives the same request
    const ParsedRequest viewed = RequestFramer::parseView(wire);
    if (viewed.target != stored.target || viewed.error != stored.error ||
        viewed.headerSectionEnd != stored.headerSectionEnd || viewed.bodyView(wire) != body ||
        viewed.headers.size() != stored.headers.size())
        std::abort();
    for (qsizetype i = 0; i < stored.headers.size(); ++i) {
        if (viewed.headers[i].name != stored.headers[i].name ||
            viewed.headers[i].value != stored.headers[i].value)
            std::abort();
    }
    return 0;
}
