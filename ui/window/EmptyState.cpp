#include "ui/window/EmptyState.h"

#include "ui/list/RequestListModel.h"
#include "ui/window/TestEventCommands.h"

#include <QAbstractScrollArea>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QLabel *textLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setFocusPolicy(Qt::StrongFocus); // reachable with Tab, so screen readers read it
    return label;
}

} // namespace

EmptyState::EmptyState(QAbstractScrollArea *list, RequestListModel *model)
    : QScrollArea(list), m_list(list), m_model(model)
{
    setObjectName(QStringLiteral("emptyState"));
    setAccessibleName(tr("Getting started"));
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    list->viewport()->installEventFilter(this);
    connect(model, &QAbstractItemModel::modelReset, this, &EmptyState::updateVisibility);
    connect(model, &QAbstractItemModel::rowsInserted, this, &EmptyState::updateVisibility);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &EmptyState::updateVisibility);
    connect(model, &RequestListModel::countsChanged, this, &EmptyState::updateVisibility);
    rebuild();
    place();
    updateVisibility();
}

void EmptyState::setListener(const QString &url)
{
    if (url == m_url)
        return;
    m_url = url;
    rebuild();
}

void EmptyState::setConfig(const AppConfig &config)
{
    m_config = config;
    rebuild();
}

QStringList EmptyState::commandLines() const
{
    QStringList lines;
    for (const QLineEdit *edit : widget()->findChildren<QLineEdit *>(QStringLiteral("command")))
        lines.append(edit->text());
    return lines;
}

bool EmptyState::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list->viewport() &&
        (event->type() == QEvent::Resize || event->type() == QEvent::Move))
        place();
    return QScrollArea::eventFilter(watched, event);
}

void EmptyState::place()
{
    setGeometry(m_list->viewport()->geometry());
}

void EmptyState::updateVisibility()
{
    const bool empty = m_model->totalCount() == 0 && m_model->rowCount() == 0;
    setVisible(empty);
    if (empty)
        raise();
}

QWidget *EmptyState::copyRow(const QString &text, const QString &what, const QString &objectName)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *edit = new QLineEdit(text, row);
    edit->setObjectName(objectName);
    edit->setReadOnly(true);
    edit->setCursorPosition(0);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setAccessibleName(what);
    auto *copy = new QToolButton(row);
    copy->setText(tr("Copy"));
    copy->setAccessibleName(tr("Copy %1").arg(what));
    copy->setFocusPolicy(Qt::StrongFocus);
    connect(copy, &QToolButton::clicked, this, [this, text, what] {
        QGuiApplication::clipboard()->setText(text);
        Q_EMIT copied(tr("Copied: %1").arg(what));
    });
    layout->addWidget(edit, 1);
    layout->addWidget(copy);
    return row;
}

void EmptyState::rebuild()
{
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    auto *title = textLabel(tr("<b>No captures yet.</b> Send a request to the listener and it "
                               "shows up here, with its verdict."),
                            content);
    layout->addWidget(title);

    if (m_url.isEmpty()) {
        auto *row = new QHBoxLayout;
        row->addWidget(textLabel(tr("Listener stopped."), content));
        auto *start = new QPushButton(tr("&Start Listener"), content);
        start->setObjectName(QStringLiteral("startListener"));
        connect(start, &QPushButton::clicked, this, &EmptyState::startListenerRequested);
        row->addWidget(start);
        row->addStretch(1);
        layout->addLayout(row);
    } else {
        layout->addWidget(textLabel(tr("Listening on:"), content));
        layout->addWidget(copyRow(m_url, tr("listener URL"), QStringLiteral("listenerUrl")));
    }

    if (m_config.endpoints.isEmpty()) {
        layout->addWidget(textLabel(
            tr("No endpoint yet: every request is captured, but none is verified. An endpoint "
               "gives a path its provider and its signing secret."),
            content));
        auto *create = new QPushButton(tr("&Create First Endpoint…"), content);
        create->setObjectName(QStringLiteral("createEndpoint"));
        connect(create, &QPushButton::clicked, this, &EmptyState::createEndpointRequested);
        auto *row = new QHBoxLayout;
        row->addWidget(create);
        row->addStretch(1);
        layout->addLayout(row);
    }
    for (const EndpointConfig &e : m_config.endpoints) {
        const QString url =
            TestEventCommands::endpointUrl(m_url.isEmpty() ? tr("http://ADDRESS:PORT") : m_url, e);
        auto *box = new QGroupBox(
            e.provider.isEmpty() ? e.id : QStringLiteral("%1 (%2)").arg(e.id, e.provider), content);
        box->setAccessibleName(tr("Endpoint %1").arg(e.id));
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->addWidget(
            copyRow(url, tr("URL of %1").arg(e.id), QStringLiteral("endpointUrl")));
        if (!m_url.isEmpty()) {
            for (const TestEventCommands::Command &c : TestEventCommands::forEndpoint(m_url, e)) {
                boxLayout->addWidget(textLabel(c.label, box));
                if (!c.text.isEmpty())
                    boxLayout->addWidget(copyRow(c.text, tr("%1 for %2").arg(c.label, e.id),
                                                 QStringLiteral("command")));
                if (!c.note.isEmpty())
                    boxLayout->addWidget(textLabel(c.note, box));
            }
        }
        layout->addWidget(box);
    }
    layout->addStretch(1);
    setWidget(content); // deletes the one before
}
