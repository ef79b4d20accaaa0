#pragma once

#include "core/config/AppConfig.h"

#include <QScrollArea>

class QAbstractScrollArea;
class QLineEdit;
class RequestListModel;

// What the request list shows while the store holds no capture: the listener's URL (or a Start
// button), each endpoint's URL and ready-to-paste commands that send it a test event
// (TestEventCommands), each with a Copy button, and a button that creates a first endpoint.
// It lies over the list's viewport and hides itself with the first capture (and comes back when
// the store is emptied again).
class EmptyState : public QScrollArea
{
    Q_OBJECT
public:
    EmptyState(QAbstractScrollArea *list, RequestListModel *model);

    // What is shown: the listener's URL (empty: stopped) and the endpoints.
    void setListener(const QString &url);
    void setConfig(const AppConfig &config);
    QString listenerUrl() const { return m_url; }
    // The command lines shown, in order (also the text of the line edits named "command").
    QStringList commandLines() const;

Q_SIGNALS:
    void startListenerRequested();
    void createEndpointRequested();
    void copied(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void updateVisibility();
    void place();
    QWidget *copyRow(const QString &text, const QString &what, const QString &objectName);

    QAbstractScrollArea *m_list;
    RequestListModel *m_model;
    QString m_url;
    AppConfig m_config;
};
