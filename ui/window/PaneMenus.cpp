#include "ui/window/PaneMenus.h"

#include "core/capture/JsonDocument.h"
#include "ui/forward/DeliveryTimeline.h"
#include "ui/forward/RulesPanel.h"
#include "ui/headers/HeadersModel.h"
#include "ui/json/JsonPointer.h"
#include "ui/json/JsonTreeModel.h"
#include "ui/raw/ByteView.h"
#include "ui/verdict/VerdictPanel.h"
#include "ui/window/BodyPane.h"
#include "ui/window/CaptureInspector.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QTableView>
#include <QTreeView>

PaneMenus::PaneMenus(CaptureInspector *inspector) : QObject(inspector)
{
    BodyPane *body = inspector->bodyPane();
    inspector->rawView()->setAccessibleName(tr("Raw request bytes"));
    inspector->headersView()->setAccessibleName(tr("Request headers"));
    body->setAccessibleName(tr("Request body"));
    body->jsonView()->setAccessibleName(tr("Body as a JSON tree"));
    body->textView()->setAccessibleName(tr("Body as text"));
    inspector->verdictPanel()->setAccessibleName(tr("Verdict"));
    inspector->deliveryTimeline()->setAccessibleName(tr("Delivery timeline"));
    inspector->rulesPanel()->setAccessibleName(tr("Rules of the request"));
    addJsonActions(body->jsonView());
    addHeaderActions(inspector->headersView());
    addByteActions(inspector->rawView(), QStringLiteral("raw"));
    addByteActions(body->textView(), QStringLiteral("bodyText"));
}

QAction *PaneMenus::add(QWidget *pane, const QString &text, const QString &objectName,
                        std::function<QString()> copied)
{
    auto *action = new QAction(text, pane);
    action->setObjectName(objectName);
    connect(action, &QAction::triggered, this, [copied] {
        const QString value = copied();
        if (!value.isNull())
            QGuiApplication::clipboard()->setText(value);
    });
    pane->setContextMenuPolicy(Qt::ActionsContextMenu);
    pane->addAction(action);
    return action;
}

void PaneMenus::addJsonActions(QAbstractItemView *view)
{
    auto *model = qobject_cast<JsonTreeModel *>(view->model());
    if (!model)
        return;
    const auto node = [view, model]() -> int {
        return model->document() ? model->nodeForIndex(view->currentIndex()) : -1;
    };
    add(view, tr("Copy &Value"), QStringLiteral("copyJsonValue"), [model, node]() -> QString {
        const int n = node();
        if (n < 0)
            return {};
        const ByteSpan span = model->document()->node(n).span; // the value as written
        return QString::fromUtf8(model->document()->source().mid(span.offset, span.length));
    });
    add(view, tr("Copy &String Text"), QStringLiteral("copyJsonString"),
        [model, node]() -> QString {
            const int n = node();
            if (n < 0 || model->document()->node(n).type != JsonDocument::Type::String)
                return {};
            return model->document()->stringValue(n);
        });
    add(view, tr("Copy JSON &Pointer"), QStringLiteral("copyJsonPointer"),
        [model, node]() -> QString {
            const int n = node();
            return n < 0 ? QString() : JsonPointer::of(*model->document(), n);
        });
}

void PaneMenus::addHeaderActions(QAbstractItemView *view)
{
    const auto cell = [view](int column) -> QString {
        const QModelIndex current = view->currentIndex();
        if (!current.isValid())
            return {};
        return current.siblingAtColumn(column).data().toString();
    };
    add(view, tr("Copy &Name"), QStringLiteral("copyHeaderName"),
        [cell] { return cell(HeadersModel::NameColumn); });
    add(view, tr("Copy &Value"), QStringLiteral("copyHeaderValue"),
        [cell] { return cell(HeadersModel::ValueColumn); });
    add(view, tr("Copy Header &Line"), QStringLiteral("copyHeaderLine"), [cell]() -> QString {
        const QString name = cell(HeadersModel::NameColumn);
        return name.isNull() ? QString()
                             : name + QStringLiteral(": ") + cell(HeadersModel::ValueColumn);
    });
}

void PaneMenus::addByteActions(ByteView *view, const QString &prefix)
{
    add(view, tr("Copy as &Text"), prefix + QStringLiteral("CopyText"), [view]() -> QString {
        const QByteArray bytes = view->selectedBytes();
        return bytes.isEmpty() ? QString() : QString::fromUtf8(bytes);
    });
    add(view, tr("Copy as &Hex"), prefix + QStringLiteral("CopyHex"), [view]() -> QString {
        const QByteArray bytes = view->selectedBytes();
        return bytes.isEmpty() ? QString() : QString::fromLatin1(bytes.toHex(' '));
    });
}
