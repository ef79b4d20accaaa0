#pragma once

#include <QString>

class QLabel;
class QPushButton;
class QWidget;

// The small widgets every page of the endpoint editor builds the same way: an error label under
// its field, and buttons that never become the dialog's default (Enter in a field means OK).
class EditorWidgets
{
public:
    static QLabel *errorLabel(QWidget *parent, const char *name);
    static void showError(QLabel *label, const QString &problem); // hidden when empty
    static QWidget *withError(QWidget *field, QLabel *error);     // the field, its error below
    static QPushButton *button(const QString &text, const char *name, QWidget *parent);
    // "Problem." from a loader phrase ("empty (expected ...)"): capitalised, with a full stop.
    static QString sentence(const QString &phrase);
};
