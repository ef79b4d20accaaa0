#include "ui/verdict/VerdictStyle.h"

#include <cmath>

namespace {

double luminance(const QColor &c)
{
    const auto channel = [](double v) {
        return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = c.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) +
           0.0722 * channel(rgb.blueF());
}

} // namespace

bool VerdictStyle::isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Base)) < 0.18;
}

double VerdictStyle::contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor VerdictStyle::color(VerdictHeadline::Tone tone, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case VerdictHeadline::Tone::Pass:
        return dark ? QColor(0x7b, 0xd8, 0x8f) : QColor(0x1b, 0x7a, 0x1b);
    case VerdictHeadline::Tone::Fail:
        return dark ? QColor(0xff, 0x85, 0x8f) : QColor(0xb0, 0x00, 0x20);
    case VerdictHeadline::Tone::Stale:
        return dark ? QColor(0xf2, 0xb8, 0x5c) : QColor(0x9a, 0x5b, 0x00);
    case VerdictHeadline::Tone::NotChecked:
        return dark ? QColor(0xa9, 0xb0, 0xb8) : QColor(0x5f, 0x63, 0x68);
    case VerdictHeadline::Tone::None:
        break;
    }
    return {};
}
