#pragma once

#include <QByteArray>
#include <QWidget>
#include <optional>

class ByteView;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

// The body of "Edit and Resend". A body that a text editor gives back byte for byte (UTF-8,
// no CR, not huge) is edited as plain text; any other (not UTF-8, CR LF line ends, ...) is shown
// as its exact bytes, read-only, and sent as it is unless replaced from a file.
class ResendBodyEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ResendBodyEditor(QWidget *parent = nullptr);

    // The captured body: what is sent while nothing is changed.
    void setBody(const QByteArray &body);
    // Replaces the body with exact bytes (a file's), editable again when they are text.
    void replaceWith(const QByteArray &bytes);
    // Null while the body is the captured one.
    std::optional<QByteArray> editedBody() const;
    bool isEditableAsText() const;
    QPlainTextEdit *textEdit() const { return m_text; }

private:
    void show(const QByteArray &bytes);
    void chooseFile();

    QByteArray m_captured;
    QByteArray m_shown; // what the text editor was given (or the bytes view shows)
    bool m_replaced = false;
    QLabel *m_note;
    QStackedWidget *m_stack;
    QPlainTextEdit *m_text;
    ByteView *m_bytes;
    QPushButton *m_fromFile;
};
