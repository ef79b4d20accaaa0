#pragma once

#include "core/capture/Capture.h"

#include <QObject>
#include <QString>
#include <functional>

class QAction;
class QMenu;
class QWidget;

// The Request menu's ways to take a capture's bytes elsewhere, exactly: copy it as a curl
// command that sends the same bytes to the listener (a body that is binary, compressed or long
// goes through a file in the cache folder, `--data-binary @file`), copy it as raw HTTP, copy its
// body, save its body, or open its body in the desktop's editor for its type. The same actions
// serve the request list's context menu.
class CaptureActions : public QObject
{
    Q_OBJECT
public:
    using Selected = std::function<const Capture *()>; // null: nothing selected (or loading)
    using BaseUrl = std::function<QString()>;          // the listener's URL

    CaptureActions(QMenu *menu, Selected selected, BaseUrl baseUrl, QWidget *window);

    QList<QAction *> actions() const { return m_actions; }
    // Where body files for curl commands and the external editor go (the cache folder).
    static QString bodyFolder();

    // The pieces, public for tests.
    static QString curlCommand(const Capture &capture, const QString &baseUrl, QString *error);
    static QString bodyFileSuffix(const Capture &capture); // "json", "xml", "txt", "bin"

Q_SIGNALS:
    void told(const QString &message); // for the status bar

private:
    const Capture *selectedOrTell();
    void copyCurl();
    void copyRaw();
    void copyBody();
    void saveBody();
    void openBody();

    Selected m_selected;
    BaseUrl m_baseUrl;
    QWidget *m_window;
    QList<QAction *> m_actions;
};
