#pragma once

// Hexadecimal digits, as the text formats read them (percent-escapes, \uXXXX escapes).
class HexDigits
{
public:
    static int value(char c) // -1 when `c` is not a hex digit
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    static int quad(const char *p, const char *end) // four digits at p, or -1
    {
        if (end - p < 4)
            return -1;
        int v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = value(p[i]);
            if (h < 0)
                return -1;
            v = v * 16 + h;
        }
        return v;
    }
};
