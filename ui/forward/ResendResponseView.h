#pragma once

#include "core/forward/HttpDelivery.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;

// The local app's answer to a resend: status line and time, headers, body (as UTF-8 text; other
// bytes replaced), or why nothing came back.
class ResendResponseView : public QWidget
{
    Q_OBJECT
public:
    explicit ResendResponseView(QWidget *parent = nullptr);

    void showSending(const QString &url);
    void showResult(const HttpDelivery::Result &result);
    void showProblem(const QString &problem);

    QString statusText() const;
    QString headersText() const;
    QString bodyText() const;

private:
    QLabel *m_status;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
};
