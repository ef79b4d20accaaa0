#pragma once

#include "core/verify/VerdictHeadline.h"

#include <QColor>
#include <QPalette>

// The colour a verdict's headline is shown in (the verdict panel and the request list): green,
// red, amber or grey, in a shade chosen for the palette's base, so it stays readable on a light
// and on a dark palette (contrast against the base at least 3:1, WCAG's for large/bold UI text).
class VerdictStyle
{
public:
    // Invalid for Tone::None (the view's own text colour is used).
    static QColor color(VerdictHeadline::Tone tone, const QPalette &palette);
    static bool isDark(const QPalette &palette); // a dark base
    // WCAG 2 contrast ratio of two colours (1 to 21).
    static double contrast(const QColor &a, const QColor &b);
};
