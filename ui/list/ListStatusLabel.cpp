#include "ui/list/ListStatusLabel.h"

#include "ui/list/RequestListModel.h"
#include "ui/list/RuleMatchScan.h"

#include <QLocale>

ListStatusLabel::ListStatusLabel(RequestListModel *model, QWidget *parent)
    : QLabel(parent), m_model(model)
{
    setObjectName(QStringLiteral("listStatus"));
    setAccessibleName(tr("Captures shown"));
    connect(model, &RequestListModel::countsChanged, this, &ListStatusLabel::update);
    connect(model, &QAbstractItemModel::modelReset, this, &ListStatusLabel::update);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ListStatusLabel::update);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ListStatusLabel::update);
    update();
}

QString ListStatusLabel::textFor(const RequestListModel &model)
{
    const QLocale locale;
    const qint64 total = model.totalCount();
    const qint64 shown = model.rowCount();
    QString text;
    if (model.storePath().isEmpty())
        return tr("No store open");
    const bool filtered =
        !model.filter().isEmpty() || model.ruleFilter().isActive() || model.searchActive();
    if (!filtered && shown == total)
        text = total == 1 ? tr("1 capture") : tr("%1 captures").arg(locale.toString(total));
    else
        text = tr("%1 of %2 captures shown").arg(locale.toString(shown), locale.toString(total));
    if (model.isLoading())
        text += tr(" · sorting…");
    else if (model.ruleScan()->isRunning())
        text += tr(" · judging rules…");
    if (!model.readError().isEmpty())
        text += tr(" · cannot sort: %1").arg(model.readError());
    return text;
}

void ListStatusLabel::update()
{
    setText(textFor(*m_model));
}
