#include "ui/endpoints/EditorWidgets.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

QLabel *EditorWidgets::errorLabel(QWidget *parent, const char *name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("color: #c00000;"));
    label->hide();
    return label;
}

void EditorWidgets::showError(QLabel *label, const QString &problem)
{
    label->setText(problem);
    label->setVisible(!problem.isEmpty());
}

QWidget *EditorWidgets::withError(QWidget *field, QLabel *error)
{
    auto *box = new QWidget(field->parentWidget());
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    layout->addWidget(error);
    box->setFocusProxy(field); // the row label's mnemonic focuses the field
    return box;
}

QPushButton *EditorWidgets::button(const QString &text, const char *name, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    b->setAutoDefault(false);
    return b;
}

QString EditorWidgets::sentence(const QString &phrase)
{
    if (phrase.isEmpty())
        return phrase;
    QString s = phrase;
    s[0] = s[0].toUpper();
    if (!s.endsWith(QLatin1Char('.')))
        s += QLatin1Char('.');
    return s;
}
