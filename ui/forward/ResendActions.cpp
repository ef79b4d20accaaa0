#include "ui/forward/ResendActions.h"

#include "ui/forward/ResendDialog.h"

#include <QAction>
#include <QComboBox>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>

ResendActions::ResendActions(QMenu *menu, SecretStore *secrets, const AppConfig *config,
                             Selected selected, QWidget *window)
    : QObject(window), m_secrets(secrets), m_config(config), m_selected(std::move(selected)),
      m_window(window)
{
    menu->addSeparator();
    QAction *resendAction = menu->addAction(tr("&Resend"), this, [this] { resend(); });
    resendAction->setObjectName(QStringLiteral("resendCapture"));
    resendAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    resendAction->setStatusTip(tr("Send the selected request again to its forward target"));
    QAction *edit = menu->addAction(tr("&Edit and Resend…"), this, [this] { editAndResend(); });
    edit->setObjectName(QStringLiteral("editAndResendCapture"));
    edit->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    edit->setStatusTip(tr("Change the selected request's headers, body or target, then send it"));
}

ResendDialog *ResendActions::open()
{
    const Capture *capture = m_selected();
    if (!capture) {
        tell(tr("Select a request first"));
        return nullptr;
    }
    const EndpointConfig *endpoint = m_config->endpointById(capture->summary.endpointId);
    auto *dialog = new ResendDialog(
        *capture, endpoint ? std::optional<EndpointConfig>(*endpoint) : std::nullopt, m_secrets,
        m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

ResendDialog *ResendActions::resend()
{
    ResendDialog *dialog = open();
    if (!dialog)
        return nullptr;
    if (dialog->targetBox()->currentText().isEmpty()) {
        tell(tr("The request's endpoint has no forward target: type a URL and Send"));
        dialog->targetBox()->setFocus();
    } else {
        dialog->send();
    }
    return dialog;
}

ResendDialog *ResendActions::editAndResend()
{
    return open();
}

void ResendActions::tell(const QString &message) const
{
    if (auto *window = qobject_cast<QMainWindow *>(m_window))
        window->statusBar()->showMessage(message, 5000);
}
