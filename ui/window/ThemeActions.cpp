#include "ui/window/ThemeActions.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace {

const ThemeActions::Theme Themes[] = {ThemeActions::Theme::System, ThemeActions::Theme::Light,
                                      ThemeActions::Theme::Dark};

} // namespace

ThemeActions::ThemeActions(QMenu *menu, QObject *parent)
    : QObject(parent), m_group(new QActionGroup(this)),
      m_systemStyle(QApplication::style()->name()), m_systemPalette(QApplication::palette())
{
    QMenu *themes = menu->addMenu(tr("T&heme"));
    const QString labels[] = {tr("&System"), tr("&Light"), tr("&Dark")};
    for (const Theme theme : Themes) {
        QAction *action = themes->addAction(labels[int(theme)]);
        action->setCheckable(true);
        action->setData(name(theme));
        action->setObjectName(QStringLiteral("theme-") + name(theme));
        m_group->addAction(action);
        connect(action, &QAction::triggered, this, [this, theme] { setTheme(theme); });
    }
    m_theme = fromName(QSettings().value(QLatin1String(SettingsKey)).toString());
    apply();
}

QAction *ThemeActions::action(Theme theme) const
{
    return m_group->actions().at(int(theme));
}

void ThemeActions::setTheme(Theme theme)
{
    m_theme = theme;
    QSettings().setValue(QLatin1String(SettingsKey), name(theme));
    apply();
}

void ThemeActions::apply()
{
    action(m_theme)->setChecked(true);
    const QString style = m_theme == Theme::System ? m_systemStyle : QStringLiteral("Fusion");
    if (QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(style));
    switch (m_theme) {
    case Theme::System:
        QApplication::setPalette(m_systemPalette);
        break;
    case Theme::Light:
        QApplication::setPalette(QApplication::style()->standardPalette());
        break;
    case Theme::Dark:
        QApplication::setPalette(darkPalette());
        break;
    }
}

QPalette ThemeActions::darkPalette()
{
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xdf, 0xe1, 0xe5);
    const QColor disabled(0x7f, 0x84, 0x8b), highlight(0x35, 0x74, 0xf0);
    QPalette p(window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x8c, 0xff));
    p.setColor(QPalette::Light, window.lighter(150));
    p.setColor(QPalette::Midlight, window.lighter(125));
    p.setColor(QPalette::Mid, window.darker(120));
    p.setColor(QPalette::Dark, window.darker(160));
    p.setColor(QPalette::Shadow, Qt::black);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::HighlightedText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, window.lighter(130));
    return p;
}

QString ThemeActions::name(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeActions::Theme ThemeActions::fromName(const QString &value)
{
    for (const Theme theme : Themes) {
        if (name(theme) == value)
            return theme;
    }
    return Theme::System; // unset or unknown
}
