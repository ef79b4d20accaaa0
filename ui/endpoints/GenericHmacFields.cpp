#include "ui/endpoints/GenericHmacFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>

namespace {

const QString DefaultTemplate = QStringLiteral("{body}");

QLineEdit *lineEdit(QWidget *parent, const char *name, const QString &placeholder)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    return edit;
}

QComboBox *comboBox(QWidget *parent, const char *name, const QStringList &items)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(QLatin1String(name));
    box->addItems(items);
    return box;
}

void setChoice(QComboBox *box, const QString &value, const QString &fallback)
{
    const int i = box->findText(value.isEmpty() ? fallback : value);
    box->setCurrentIndex(i < 0 ? box->findText(fallback) : i);
}

} // namespace

GenericHmacFields::GenericHmacFields(QWidget *parent)
    : QWidget(parent), m_header(lineEdit(this, "genericHeader", QStringLiteral("X-Signature"))),
      m_algorithm(
          comboBox(this, "genericAlgorithm",
                   {QStringLiteral("sha1"), QStringLiteral("sha256"), QStringLiteral("sha512")})),
      m_encoding(
          comboBox(this, "genericEncoding", {QStringLiteral("hex"), QStringLiteral("base64")})),
      m_prefix(lineEdit(this, "genericPrefix", tr("none (e.g. sha256=)"))),
      m_template(lineEdit(this, "genericTemplate", DefaultTemplate)),
      m_timestampHeader(lineEdit(this, "genericTimestampHeader", tr("none"))),
      m_idHeader(lineEdit(this, "genericIdHeader", tr("none")))
{
    auto *hint =
        new QLabel(tr("Built from {body} {timestamp} {id} {url} {method} and literal text, "
                      "e.g. {timestamp}.{body}"),
                   this);
    hint->setWordWrap(true);
    hint->setEnabled(false); // greyed: it is help, not a value

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Signature header:"), m_header);
    form->addRow(tr("Algorithm:"), m_algorithm);
    form->addRow(tr("Encoding:"), m_encoding);
    form->addRow(tr("Prefix:"), m_prefix);
    form->addRow(tr("Signed content:"), m_template);
    form->addRow(QString(), hint);
    form->addRow(tr("Timestamp header:"), m_timestampHeader);
    form->addRow(tr("Id header:"), m_idHeader);

    for (QLineEdit *edit : {m_header, m_prefix, m_template, m_timestampHeader, m_idHeader})
        connect(edit, &QLineEdit::textChanged, this, &GenericHmacFields::changed);
    for (QComboBox *box : {m_algorithm, m_encoding})
        connect(box, &QComboBox::currentIndexChanged, this, &GenericHmacFields::changed);
}

void GenericHmacFields::setScheme(const QJsonObject &scheme)
{
    const QSignalBlocker blockers[] = {
        QSignalBlocker(m_header),         QSignalBlocker(m_algorithm), QSignalBlocker(m_encoding),
        QSignalBlocker(m_prefix),         QSignalBlocker(m_template),  QSignalBlocker(m_idHeader),
        QSignalBlocker(m_timestampHeader)};
    m_base = scheme;
    auto str = [&](const char *key) { return scheme.value(QLatin1String(key)).toString(); };
    m_header->setText(str("header"));
    setChoice(m_algorithm, str("algorithm"), QStringLiteral("sha256"));
    setChoice(m_encoding, str("encoding"), QStringLiteral("hex"));
    m_prefix->setText(str("prefix"));
    m_template->setText(str("template").isEmpty() ? DefaultTemplate : str("template"));
    m_timestampHeader->setText(str("timestamp_header"));
    m_idHeader->setText(str("id_header"));
}

QJsonObject GenericHmacFields::scheme() const
{
    QJsonObject s = m_base;
    s.insert(QStringLiteral("header"), m_header->text().trimmed());
    s.insert(QStringLiteral("algorithm"), m_algorithm->currentText());
    s.insert(QStringLiteral("encoding"), m_encoding->currentText());
    // The prefix is compared byte for byte with the header value, so it is kept as typed.
    s.insert(QStringLiteral("prefix"), m_prefix->text());
    s.insert(QStringLiteral("template"),
             m_template->text().isEmpty() ? DefaultTemplate : m_template->text());
    // Optional keys are left out rather than written empty, as the contract's example does.
    auto optional = [&s](const char *key, const QString &value) {
        if (value.isEmpty())
            s.remove(QLatin1String(key));
        else
            s.insert(QLatin1String(key), value);
    };
    optional("timestamp_header", m_timestampHeader->text().trimmed());
    optional("id_header", m_idHeader->text().trimmed());
    return s;
}
