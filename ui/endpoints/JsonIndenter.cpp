#include "ui/endpoints/JsonIndenter.h"

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void newline(QByteArray &out, int depth)
{
    out += '\n';
    out += QByteArray(2 * depth, ' ');
}

} // namespace

QByteArray JsonIndenter::indent(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json.at(i);
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            out += c;
            break;
        case '{':
        case '[': {
            out += c;
            qsizetype next = i + 1;
            while (next < json.size() && isSpace(json.at(next)))
                ++next;
            if (next < json.size() && json.at(next) == (c == '{' ? '}' : ']')) {
                out += json.at(next); // {} and [] stay on one line
                i = next;
                break;
            }
            newline(out, ++depth);
            break;
        }
        case '}':
        case ']':
            newline(out, depth = qMax(0, depth - 1));
            out += c;
            break;
        case ',':
            out += c;
            newline(out, depth);
            break;
        case ':':
            out += ": ";
            break;
        default:
            if (!isSpace(c))
                out += c;
        }
    }
    return out;
}
