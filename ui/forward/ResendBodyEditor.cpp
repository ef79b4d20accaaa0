#include "ui/forward/ResendBodyEditor.h"

#include "core/capture/Utf8Check.h"
#include "ui/raw/ByteView.h"

#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {

constexpr qsizetype MaxTextBytes = 4 * 1024 * 1024; // larger bodies: the bytes view

// Why `bytes` cannot go through a text editor unchanged; empty when they can.
QString notText(const QByteArray &bytes)
{
    if (const qint64 bad = Utf8Check::firstInvalidOffset(bytes); bad >= 0)
        return QObject::tr("not UTF-8 (first bad byte at offset %1)").arg(bad);
    if (bytes.size() > MaxTextBytes)
        return QObject::tr("%1 bytes, too large to edit as text").arg(bytes.size());
    if (bytes.contains('\r'))
        return QObject::tr("CR line ends, which a text editor would change");
    return {};
}

} // namespace

ResendBodyEditor::ResendBodyEditor(QWidget *parent)
    : QWidget(parent), m_note(new QLabel(this)), m_stack(new QStackedWidget(this)),
      m_text(new QPlainTextEdit(this)), m_bytes(new ByteView(this)),
      m_fromFile(new QPushButton(tr("Replace from &File…"), this))
{
    m_text->setObjectName(QStringLiteral("bodyText"));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_bytes->setObjectName(QStringLiteral("bodyBytes"));
    m_bytes->setMode(ByteView::Mode::Hex);
    m_note->setObjectName(QStringLiteral("bodyNote"));
    m_note->setWordWrap(true);
    m_fromFile->setObjectName(QStringLiteral("bodyFromFile"));
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_bytes);
    auto *row = new QHBoxLayout;
    row->addWidget(m_note, 1);
    row->addWidget(m_fromFile);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack, 1);
    layout->addLayout(row);
    connect(m_fromFile, &QPushButton::clicked, this, &ResendBodyEditor::chooseFile);
}

void ResendBodyEditor::setBody(const QByteArray &body)
{
    m_captured = body;
    m_replaced = false;
    show(body);
}

void ResendBodyEditor::replaceWith(const QByteArray &bytes)
{
    m_replaced = true;
    show(bytes);
}

void ResendBodyEditor::show(const QByteArray &bytes)
{
    m_shown = bytes;
    QString problem = notText(bytes);
    const QString origin = m_replaced ? tr("From a file") : tr("As captured");
    if (problem.isEmpty()) {
        const QString text = QString::fromUtf8(bytes);
        m_text->setPlainText(text);
        if (m_text->toPlainText() != text)
            problem = tr("characters a text editor would change");
    }
    if (problem.isEmpty()) {
        m_stack->setCurrentWidget(m_text);
        m_note->setText(
            tr("%1, %n byte(s); edit it as text.", nullptr, int(bytes.size())).arg(origin));
    } else {
        m_text->clear();
        m_bytes->setData(bytes);
        m_stack->setCurrentWidget(m_bytes);
        m_note->setText(tr("%1, %n byte(s): %2. Shown as bytes and sent exactly; replace it from "
                           "a file to change it.",
                           nullptr, int(bytes.size()))
                            .arg(origin, problem));
    }
}

bool ResendBodyEditor::isEditableAsText() const
{
    return m_stack->currentWidget() == m_text;
}

std::optional<QByteArray> ResendBodyEditor::editedBody() const
{
    // Text is shown only when it gives back the bytes exactly, so unchanged text is the body.
    const QByteArray now = isEditableAsText() ? m_text->toPlainText().toUtf8() : m_shown;
    if (!m_replaced && now == m_captured)
        return std::nullopt;
    return now;
}

void ResendBodyEditor::chooseFile()
{
    auto *dialog = new QFileDialog(this, tr("Replace the body with a file's bytes"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            m_note->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
            return;
        }
        replaceWith(file.readAll());
    });
    dialog->open();
}
