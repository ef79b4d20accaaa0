#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

class QAction;
class QActionGroup;
class QMenu;

// View > Theme: System (the platform's style and palette, as the app started), Light or Dark
// (Fusion with a light or a dark palette, for desktops whose dark preference Qt does not read).
// Applied to the whole application at once and remembered in QSettings (view/theme). The
// verdict colours, the timeline and the byte views follow the palette (VerdictStyle).
class ThemeActions : public QObject
{
    Q_OBJECT
public:
    enum class Theme
    {
        System,
        Light,
        Dark
    };
    static constexpr const char *SettingsKey = "view/theme";

    // Adds the submenu to `menu` and applies the remembered theme.
    explicit ThemeActions(QMenu *menu, QObject *parent = nullptr);

    Theme theme() const { return m_theme; }
    void setTheme(Theme theme); // applied and remembered
    QAction *action(Theme theme) const;

    static QPalette darkPalette();
    static QString name(Theme theme); // "system", "light", "dark": the value stored
    static Theme fromName(const QString &name);

private:
    void apply();

    QActionGroup *m_group;
    Theme m_theme = Theme::System;
    QString m_systemStyle;    // as the application started
    QPalette m_systemPalette; // as the application started
};
