#include "core/capture/FormFields.h"
#include "core/capture/HexDigits.h"

namespace {

// The WHATWG urlencoded rules: '+' is a space, %XX a byte, and a '%' that does not start a valid
// escape stays as it is. QByteArray::fromPercentEncoding turns "%zz" into garbage instead.
QString decodeComponent(const char *p, qsizetype n)
{
    QByteArray bytes;
    bytes.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        const char c = p[i];
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%' && i + 2 < n) {
            const int hi = HexDigits::value(p[i + 1]);
            const int lo = HexDigits::value(p[i + 2]);
            if (hi >= 0 && lo >= 0) {
                bytes.append(char(hi * 16 + lo));
                i += 2;
            } else {
                bytes.append(c);
            }
        } else {
            bytes.append(c);
        }
    }
    return QString::fromUtf8(bytes);
}

} // namespace

QList<FormFields::Field> FormFields::parse(const QByteArray &body)
{
    QList<Field> fields;
    const char *data = body.constData();
    const qsizetype size = body.size();
    qsizetype pos = 0;
    while (pos < size) {
        qsizetype amp = body.indexOf('&', pos);
        if (amp < 0)
            amp = size;
        // "a=1&&b=2" and a trailing '&' hold empty sequences, which carry no field.
        if (amp > pos) {
            const char *eq = static_cast<const char *>(memchr(data + pos, '=', size_t(amp - pos)));
            const qsizetype nameEnd = eq ? eq - data : amp;
            Field f;
            f.nameSpan = {pos, nameEnd - pos};
            f.valueSpan = eq ? ByteSpan{nameEnd + 1, amp - nameEnd - 1} : ByteSpan{amp, 0};
            f.name = decodeComponent(data + f.nameSpan.offset, f.nameSpan.length);
            f.value = decodeComponent(data + f.valueSpan.offset, f.valueSpan.length);
            fields.append(f);
        }
        pos = amp + 1;
    }
    return fields;
}
