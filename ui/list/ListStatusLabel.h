#pragma once

#include <QLabel>

class RequestListModel;

// The status line's count of the request list, kept true as captures arrive, filters change
// and a sort is read: "340 captures", "12 of 340 captures shown", "… sorting".
class ListStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ListStatusLabel(RequestListModel *model, QWidget *parent = nullptr);

    static QString textFor(const RequestListModel &model);

private:
    void update();

    RequestListModel *m_model;
};
