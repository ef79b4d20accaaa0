#include "ui/forward/ResendResponseView.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

ResendResponseView::ResendResponseView(QWidget *parent)
    : QWidget(parent), m_status(new QLabel(tr("Not sent yet."), this)),
      m_headers(new QPlainTextEdit(this)), m_body(new QPlainTextEdit(this))
{
    m_status->setObjectName(QStringLiteral("responseStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *edit : {m_headers, m_body}) {
        edit->setReadOnly(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFont(fixed);
    }
    m_headers->setObjectName(QStringLiteral("responseHeaders"));
    m_body->setObjectName(QStringLiteral("responseBody"));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_headers);
    split->addWidget(m_body);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);
}

void ResendResponseView::showSending(const QString &url)
{
    m_status->setText(tr("Sending to %1…").arg(url));
    m_headers->clear();
    m_body->clear();
}

void ResendResponseView::showResult(const HttpDelivery::Result &result)
{
    if (!result.answered) {
        showProblem(tr("No answer after %1 ms: %2 (%3)")
                        .arg(result.elapsedMs)
                        .arg(result.errorMessage, result.errorCode));
        return;
    }
    const qsizetype end = result.response.indexOf("\r\n\r\n");
    const QByteArray head = end < 0 ? result.response : result.response.left(end);
    const QByteArray body = end < 0 ? QByteArray() : result.response.mid(end + 4);
    const qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArray statusLine = lineEnd < 0 ? head : head.left(lineEnd);
    m_status->setText(tr("%1 — %2 ms, %n body byte(s)", nullptr, int(body.size()))
                          .arg(QString::fromLatin1(statusLine))
                          .arg(result.elapsedMs));
    m_headers->setPlainText(lineEnd < 0 ? QString() : QString::fromLatin1(head.mid(lineEnd + 2)));
    m_body->setPlainText(QString::fromUtf8(body));
}

void ResendResponseView::showProblem(const QString &problem)
{
    m_status->setText(problem);
    m_headers->clear();
    m_body->clear();
}

QString ResendResponseView::statusText() const
{
    return m_status->text();
}

QString ResendResponseView::headersText() const
{
    return m_headers->toPlainText();
}

QString ResendResponseView::bodyText() const
{
    return m_body->toPlainText();
}
