#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

// The note on the selected capture, in a tab beside its panes: saved when the field loses the
// focus, on Ctrl+Enter, and before another capture is shown (noteEdited; the session stores
// it through its writer). A blank note clears it.
class NoteEditor : public QWidget
{
    Q_OBJECT
public:
    explicit NoteEditor(QWidget *parent = nullptr);

    // The capture whose note is shown (0: none; the field is disabled); an edit not saved yet
    // on the one before is saved first (unless `saveEdit` is false: it is dropped).
    void setCapture(qint64 id, const QString &note, bool saveEdit = true);
    // A note was stored (marksChanged): shown unless it is being edited.
    void noteStored(qint64 id, const QString &note);
    void save(); // emits noteEdited when the text differs from the stored note
    qint64 captureId() const { return m_id; }
    bool isEdited() const;
    QPlainTextEdit *editor() const { return m_edit; }

Q_SIGNALS:
    void noteEdited(qint64 id, const QString &note);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPlainTextEdit *m_edit;
    QLabel *m_hint;
    qint64 m_id = 0;
    QString m_stored;
};
