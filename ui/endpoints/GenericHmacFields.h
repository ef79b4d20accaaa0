#pragma once

#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLineEdit;

// The description of a generic-hmac scheme (CONTRACT.md, "generic-hmac"), edited as the
// endpoint's "scheme" object with the contract's key names.
class GenericHmacFields : public QWidget
{
    Q_OBJECT
public:
    explicit GenericHmacFields(QWidget *parent = nullptr);

    void setScheme(const QJsonObject &scheme);
    // The object given to setScheme() with the fields' keys replaced; keys this form does not
    // edit (tolerance_s) are kept as they were.
    QJsonObject scheme() const;

Q_SIGNALS:
    void changed();

private:
    QJsonObject m_base;
    QLineEdit *m_header;
    QComboBox *m_algorithm;
    QComboBox *m_encoding;
    QLineEdit *m_prefix;
    QLineEdit *m_template;
    QLineEdit *m_timestampHeader;
    QLineEdit *m_idHeader;
};
