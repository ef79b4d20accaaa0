#include "ui/window/NoteEditor.h"

#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

NoteEditor::NoteEditor(QWidget *parent)
    : QWidget(parent), m_edit(new QPlainTextEdit(this)), m_hint(new QLabel(this))
{
    m_edit->setAccessibleName(tr("Note on the capture"));
    m_edit->setPlaceholderText(tr("A note on this capture: why it matters, what was tried… "
                                  "Search for it with note:WORD or plain text."));
    m_edit->setTabChangesFocus(true);
    m_edit->installEventFilter(this);
    m_hint->setText(tr("Saved when you leave the field or press Ctrl+Enter"));
    m_hint->setEnabled(false); // the palette's muted text
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_edit);
    layout->addWidget(m_hint);
    setCapture(0, QString());
}

void NoteEditor::setCapture(qint64 id, const QString &note, bool saveEdit)
{
    if (id != m_id && saveEdit)
        save(); // what was typed on the capture before
    m_id = id;
    m_stored = note;
    m_edit->setPlainText(note);
    m_edit->setEnabled(id > 0);
}

void NoteEditor::noteStored(qint64 id, const QString &note)
{
    if (id != m_id)
        return;
    const bool edited = isEdited();
    m_stored = note;
    if (!edited && m_edit->toPlainText() != note) // the cursor stays where it is otherwise
        m_edit->setPlainText(note);
}

bool NoteEditor::isEdited() const
{
    return m_id > 0 && m_edit->toPlainText() != m_stored;
}

void NoteEditor::save()
{
    if (!isEdited())
        return;
    m_stored = m_edit->toPlainText();
    Q_EMIT noteEdited(m_id, m_stored);
}

bool NoteEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit) {
        if (event->type() == QEvent::FocusOut) {
            save();
        } else if (event->type() == QEvent::KeyPress) {
            const auto *key = static_cast<QKeyEvent *>(event);
            if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
                key->modifiers().testFlag(Qt::ControlModifier)) {
                save();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}
