#include "ui/endpoints/SecretPasteDialog.h"

#include "core/secrets/SigningSecret.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

SecretPasteDialog::SecretPasteDialog(const QString &endpointId, QWidget *parent)
    : QDialog(parent), m_edit(new QLineEdit(this)), m_warning(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Paste Signing Secret"));
    auto *intro = new QLabel(
        tr("Paste the signing secret of endpoint \"%1\". It becomes the current secret; the "
           "current one is kept as the previous secret.")
            .arg(endpointId),
        this);
    intro->setWordWrap(true);
    m_edit->setObjectName(QStringLiteral("secretValue"));
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setAttribute(Qt::WA_InputMethodEnabled, false); // no IME history of the value
    m_warning->setObjectName(QStringLiteral("whitespaceWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #b35900;"));
    m_warning->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_edit);
    layout->addWidget(m_warning);
    layout->addWidget(m_buttons);

    connect(m_edit, &QLineEdit::textChanged, this, &SecretPasteDialog::onTextChanged);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SecretPasteDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SecretPasteDialog::reject);
    onTextChanged(QString());
}

SecretPasteDialog::~SecretPasteDialog()
{
    SigningSecret::wipe(m_value);
}

QString SecretPasteDialog::whitespaceWarning(const QString &value)
{
    if (value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r')))
        return tr("The value contains a line break. Secrets almost never do: check that the copy "
                  "did not pick up the end of the line. It is kept exactly as pasted.");
    if (!value.isEmpty() && (value.front().isSpace() || value.back().isSpace()))
        return tr("The value starts or ends with whitespace, the most common reason a webhook "
                  "signature fails. It is kept exactly as pasted.");
    return {};
}

void SecretPasteDialog::accept()
{
    m_value = m_edit->text().toUtf8();
    // The dialog may outlive this call (deleteLater): its field must not keep the value.
    m_edit->clear();
    QDialog::accept();
}

void SecretPasteDialog::done(int result)
{
    if (result != Accepted)
        m_edit->clear();
    QDialog::done(result);
}

void SecretPasteDialog::onTextChanged(const QString &text)
{
    const QString warning = whitespaceWarning(text);
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.isEmpty() || !m_value.isEmpty());
}
