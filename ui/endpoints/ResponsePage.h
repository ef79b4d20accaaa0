#pragma once

#include "core/config/EndpointConfig.h"

#include <QGroupBox>

class QPlainTextEdit;
class QSpinBox;
class QTableView;
class ResponseHeadersModel;

// What the listener answers on this endpoint: status, headers, body and delay.
class ResponsePage : public QGroupBox
{
    Q_OBJECT
public:
    explicit ResponsePage(QWidget *parent = nullptr);

    void load(const EndpointConfig &endpoint);
    void store(EndpointConfig *endpoint) const;

Q_SIGNALS:
    void changed();

private:
    bool m_loading = false;
    QSpinBox *m_status;
    ResponseHeadersModel *m_headerModel;
    QTableView *m_headerView;
    QPlainTextEdit *m_body;
    QSpinBox *m_delay;
};
