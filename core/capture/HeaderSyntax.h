#pragma once

#include <QByteArray>
#include <QString>

// What may appear in a header field that we write (a configured response header, a header that
// `sign` adds), RFC 9110 section 5: a name is a token, a value holds no control character but
// horizontal tab. Anything else could end the field early and start another one (CR LF: header
// injection) or end the header section. Used by the config rules, the response builder and `sign`.
class HeaderSyntax
{
public:
    static bool isToken(const QByteArray &name);
    // Offset of the first byte a value may not hold (CR, LF, NUL, another control byte); -1 if
    // none.
    static qsizetype forbiddenValueByte(const QByteArray &value);
    // Why the field cannot be written, for people ("the value contains a line feed (LF) at byte
    // 3"); empty when it can.
    static QString nameProblem(const QByteArray &name);
    static QString valueProblem(const QByteArray &value);
    // The name of a control byte as people know it: "CR", "LF", "NUL", else "U+001F".
    static QString controlName(uint c);
};
