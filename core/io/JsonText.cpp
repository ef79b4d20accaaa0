#include "core/io/JsonText.h"

#include <QIODevice>

namespace {

constexpr qint64 Slice = 48 * 1024; // a multiple of 3: base64 slices join without padding

} // namespace

QByteArray JsonText::escaped(const char *data, qint64 size)
{
    static const char Hex[] = "0123456789abcdef";
    QByteArray out;
    out.reserve(size + size / 8 + 2);
    for (qint64 i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c == 0x7f) {
                out += "\\u00";
                out += Hex[c >> 4];
                out += Hex[c & 0xf];
            } else {
                out += char(c);
            }
        }
    }
    return out;
}

QByteArray JsonText::quoted(const QByteArray &bytes)
{
    return '"' + escaped(bytes.constData(), bytes.size()) + '"';
}

bool JsonText::writeString(QIODevice *out, const QByteArray &bytes, bool base64)
{
    for (qint64 at = 0; at < bytes.size(); at += Slice) {
        const qint64 n = qMin(Slice, bytes.size() - at);
        const QByteArray piece = base64
                                     ? QByteArray::fromRawData(bytes.constData() + at, n).toBase64()
                                     : escaped(bytes.constData() + at, n);
        if (out->write(piece) != piece.size())
            return false;
    }
    return true;
}
