#pragma once

#include "core/capture/Capture.h"
#include "core/config/AppConfig.h"

#include <QObject>
#include <functional>

class QAction;
class QMenu;
class QWidget;
class ResendDialog;
class SecretStore;

// The Forwarding menu's "Resend" (Ctrl+R: the selected capture sent again to its endpoint's
// first forward target, re-signed as that target says, its answer shown) and "Edit and Resend…"
// (Ctrl+Shift+R: the same dialog, to edit before sending).
class ResendActions : public QObject
{
    Q_OBJECT
public:
    using Selected = std::function<const Capture *()>; // null: nothing selected

    // `config` is read when an action runs (the window's current config); `secrets` may be null.
    ResendActions(QMenu *menu, SecretStore *secrets, const AppConfig *config, Selected selected,
                  QWidget *window);

    ResendDialog *resend();
    ResendDialog *editAndResend();

private:
    ResendDialog *open();
    void tell(const QString &message) const;

    SecretStore *m_secrets;
    const AppConfig *m_config;
    Selected m_selected;
    QWidget *m_window;
};
