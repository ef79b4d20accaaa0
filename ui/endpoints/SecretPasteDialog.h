#pragma once

#include <QByteArray>
#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

// Asks for a secret without showing it. The value is kept exactly as pasted: a stray newline or
// space from a copy is the most common reason a webhook signature fails, so it is pointed out,
// never silently fixed (the provider may really have signed with it).
class SecretPasteDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SecretPasteDialog(const QString &endpointId, QWidget *parent = nullptr);
    ~SecretPasteDialog() override;

    // The accepted value; empty before accept().
    QByteArray value() const { return m_value; }
    // Why `value` looks wrong (leading/trailing whitespace, a line break); empty when it does not.
    static QString whitespaceWarning(const QString &value);

    QLineEdit *lineEdit() const { return m_edit; }

    void accept() override;
    void done(int result) override;

private:
    void onTextChanged(const QString &text);

    QLineEdit *m_edit;
    QLabel *m_warning;
    QDialogButtonBox *m_buttons;
    QByteArray m_value;
};
