#include "ui/endpoints/ForwardPage.h"

#include "core/config/ForwardConfigJson.h"
#include "core/forward/EventBridgeMapper.h"
#include "ui/endpoints/AwsCredentialsBox.h"
#include "ui/endpoints/EditorWidgets.h"
#include "ui/endpoints/HttpTargetsModel.h"
#include "ui/endpoints/PutEventsPreview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QStringList listOf(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    }
    return out;
}

std::optional<QString> optionalText(const QLineEdit *edit)
{
    if (edit->text().isEmpty())
        return std::nullopt;
    return edit->text();
}

} // namespace

ForwardPage::ForwardPage(QWidget *parent) : QWidget(parent)
{
    m_onlyVerified = new QCheckBox(tr("Forward only &verified requests"), this);
    m_onlyVerified->setObjectName(QStringLiteral("onlyVerified"));
    connect(m_onlyVerified, &QCheckBox::toggled, this, &ForwardPage::emitChanged);

    QWidget *httpBox = createHttpBox();
    QGroupBox *eventBridgeBox = createEventBridgeBox();
    // Created last, so that Tab reaches it after the settings it shows.
    auto *previewBox = new QGroupBox(tr("PutEvents entry for the selected request"), this);
    m_preview = new QPlainTextEdit(previewBox);
    m_preview->setObjectName(QStringLiteral("putEventsPreview"));
    m_preview->setReadOnly(true);
    m_preview->setTabChangesFocus(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setMinimumHeight(160);
    auto *previewLabel = new QLabel(tr("&Preview:"), previewBox);
    previewLabel->setBuddy(m_preview);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(previewLabel);
    previewLayout->addWidget(m_preview);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_onlyVerified);
    layout->addWidget(httpBox);
    layout->addWidget(eventBridgeBox);
    layout->addWidget(previewBox, 1);
}

QLineEdit *ForwardPage::lineEdit(const char *name, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setPlaceholderText(placeholder);
    connect(edit, &QLineEdit::textChanged, this, &ForwardPage::emitChanged);
    return edit;
}

QWidget *ForwardPage::createHttpBox()
{
    auto *box = new QGroupBox(tr("Local apps"), this);
    m_httpModel = new HttpTargetsModel(this);
    m_httpView = new QTableView(box);
    m_httpView->setObjectName(QStringLiteral("httpTargets"));
    m_httpView->setModel(m_httpModel);
    m_httpView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_httpView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_httpView->setTabKeyNavigation(false); // Tab leaves the table; arrows move in it
    m_httpView->verticalHeader()->hide();
    m_httpView->horizontalHeader()->setSectionResizeMode(HttpTargetsModel::Url,
                                                         QHeaderView::Stretch);
    m_httpView->setMaximumHeight(120);
    m_httpError = EditorWidgets::errorLabel(box, "httpError");
    auto *add = EditorWidgets::button(tr("Add &Target"), "addTarget", box);
    auto *remove = EditorWidgets::button(tr("Remove Tar&get"), "removeTarget", box);
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_httpModel->appendTarget();
        m_httpView->setCurrentIndex(m_httpModel->index(row, HttpTargetsModel::Url));
        m_httpView->edit(m_httpView->currentIndex());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_httpView->currentIndex();
        if (current.isValid())
            m_httpModel->removeRows(current.row(), 1);
    });
    connect(m_httpModel, &QAbstractItemModel::dataChanged, this, &ForwardPage::emitChanged);
    connect(m_httpModel, &QAbstractItemModel::rowsInserted, this, &ForwardPage::emitChanged);
    connect(m_httpModel, &QAbstractItemModel::rowsRemoved, this, &ForwardPage::emitChanged);

    auto *note = new QLabel(tr("Each request goes to every URL with its method, headers and body. "
                               "Event types are globs such as customer.*, comma-separated; empty "
                               "means every event. Proxy: the sender gets the local app's answer. "
                               "Re-sign: a fresh signature with the endpoint's secret."),
                            box);
    note->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(note);
    layout->addWidget(m_httpView);
    layout->addWidget(m_httpError);
    layout->addLayout(buttons);
    return box;
}

QGroupBox *ForwardPage::createEventBridgeBox()
{
    m_eventBridge = new QGroupBox(tr("Event&Bridge"), this);
    m_eventBridge->setObjectName(QStringLiteral("eventBridge"));
    m_eventBridge->setCheckable(true);
    connect(m_eventBridge, &QGroupBox::toggled, this, &ForwardPage::emitChanged);
    QWidget *box = m_eventBridge;

    m_preset = new QComboBox(box);
    m_preset->setObjectName(QStringLiteral("preset"));
    for (const QString &preset : ForwardConfigJson::presets())
        m_preset->addItem(preset, preset);
    connect(m_preset, &QComboBox::currentIndexChanged, this, [this] {
        const QString source = EventBridgeMapper::defaultSource(m_preset->currentData().toString());
        m_source->setPlaceholderText(source.isEmpty() ? tr("required for generic") : source);
        emitChanged();
    });
    m_bus = lineEdit("bus", QStringLiteral("default"), box);
    m_busError = EditorWidgets::errorLabel(box, "busError");
    m_region = lineEdit("region", tr("the profile's, then AWS_REGION"), box);
    m_regionError = EditorWidgets::errorLabel(box, "regionError");
    m_source = lineEdit("source", QString(), box);
    m_sourceError = EditorWidgets::errorLabel(box, "sourceError");
    m_detailType = lineEdit("detailType", tr("/type or header:X-Event-Name (generic)"), box);
    m_detailTypeError = EditorWidgets::errorLabel(box, "detailTypeError");
    m_resources = lineEdit("resources", tr("ARNs, comma-separated"), box);
    m_envelope =
        new QCheckBox(tr("&Wrap the body with the headers and the verdict (generic)"), box);
    m_envelope->setObjectName(QStringLiteral("envelope"));
    connect(m_envelope, &QCheckBox::toggled, this, &ForwardPage::emitChanged);
    m_account = lineEdit("account", tr("12 digits; for the rule tester"), box);
    m_accountError = EditorWidgets::errorLabel(box, "accountError");
    m_profile = lineEdit("profile", tr("AWS_PROFILE, then default"), box);
    m_credentials = new AwsCredentialsBox(box);
    m_credentials->setObjectName(QStringLiteral("credentials"));
    connect(m_credentials, &AwsCredentialsBox::sourceChanged, this, &ForwardPage::emitChanged);
    m_endpointUrl = lineEdit("endpointUrl", tr("https://events.REGION.amazonaws.com"), box);
    m_endpointUrlError = EditorWidgets::errorLabel(box, "endpointUrlError");
    m_maxEntryBytes = new QSpinBox(box);
    m_maxEntryBytes->setObjectName(QStringLiteral("maxEntryBytes"));
    m_maxEntryBytes->setRange(1024, ForwardConfigJson::MaxEntryBytesLimit);
    m_maxEntryBytes->setSuffix(tr(" bytes"));
    m_maxEntryBytes->setToolTip(tr("256 KiB by default; AWS accepts up to 1 MiB since January "
                                   "2026"));
    connect(m_maxEntryBytes, &QSpinBox::valueChanged, this, &ForwardPage::emitChanged);

    auto *form = new QFormLayout(box);
    form->addRow(tr("Pre&set:"), m_preset);
    form->addRow(tr("B&us:"), EditorWidgets::withError(m_bus, m_busError));
    form->addRow(tr("&Region:"), EditorWidgets::withError(m_region, m_regionError));
    form->addRow(tr("Sour&ce:"), EditorWidgets::withError(m_source, m_sourceError));
    form->addRow(tr("&DetailType from:"),
                 EditorWidgets::withError(m_detailType, m_detailTypeError));
    form->addRow(tr("Resource AR&Ns:"), m_resources);
    form->addRow(QString(), m_envelope);
    form->addRow(tr("&Account:"), EditorWidgets::withError(m_account, m_accountError));
    form->addRow(tr("Pro&file:"), m_profile);
    form->addRow(tr("Credentials:"), m_credentials);
    form->addRow(tr("Endpo&int URL:"), EditorWidgets::withError(m_endpointUrl, m_endpointUrlError));
    form->addRow(tr("&Max entry size:"), m_maxEntryBytes);
    return m_eventBridge;
}

void ForwardPage::emitChanged()
{
    if (!m_loading)
        Q_EMIT changed();
}

void ForwardPage::load(const EndpointConfig &endpoint)
{
    m_loading = true;
    const ForwardConfig &f = endpoint.forward;
    m_onlyVerified->setChecked(f.onlyVerified);
    m_httpModel->setTargets(f.http);
    m_eventBridge->setChecked(f.eventBridge.has_value());
    const EventBridgeForwardTarget t = f.eventBridge.value_or(EventBridgeForwardTarget{});
    int preset = m_preset->findData(t.preset);
    if (preset < 0) { // kept as loaded, and shown as a problem
        m_preset->addItem(t.preset, t.preset);
        preset = m_preset->count() - 1;
    }
    m_preset->setCurrentIndex(preset);
    const QString source = EventBridgeMapper::defaultSource(t.preset);
    m_source->setPlaceholderText(source.isEmpty() ? tr("required for generic") : source);
    m_bus->setText(t.bus);
    m_region->setText(t.region);
    m_source->setText(t.source.value_or(QString()));
    m_detailType->setText(t.detailType.value_or(QString()));
    m_resources->setText(t.resources.join(QStringLiteral(", ")));
    m_envelope->setChecked(t.envelope);
    m_account->setText(t.account);
    m_profile->setText(t.profile);
    m_credentials->setSource(t.credentials);
    m_endpointUrl->setText(t.endpointUrl.toString());
    m_maxEntryBytes->setValue(t.maxEntryBytes);
    m_loading = false;
}

void ForwardPage::store(EndpointConfig *endpoint) const
{
    ForwardConfig &f = endpoint->forward;
    f.onlyVerified = m_onlyVerified->isChecked();
    f.http = m_httpModel->targets();
    if (!m_eventBridge->isChecked()) {
        f.eventBridge.reset();
        return;
    }
    EventBridgeForwardTarget t;
    t.preset = m_preset->currentData().toString();
    t.bus = m_bus->text();
    t.region = m_region->text();
    t.source = optionalText(m_source);
    t.detailType = optionalText(m_detailType);
    t.resources = listOf(m_resources->text());
    t.envelope = m_envelope->isChecked();
    t.account = m_account->text();
    t.profile = m_profile->text();
    t.credentials = m_credentials->source();
    t.endpointUrl =
        m_endpointUrl->text().isEmpty() ? QUrl() : HttpTargetsModel::urlOf(m_endpointUrl->text());
    t.maxEntryBytes = m_maxEntryBytes->value();
    f.eventBridge = t;
}

void ForwardPage::refresh(const EndpointConfig &endpoint)
{
    const auto showError = &EditorWidgets::showError;
    showError(m_httpError, EditorWidgets::sentence(m_httpModel->problem()));
    const std::optional<EventBridgeForwardTarget> &t = endpoint.forward.eventBridge;
    auto problem = [&t](auto rule) { return t ? EditorWidgets::sentence(rule(*t)) : QString(); };
    showError(m_busError,
              problem([](const auto &t) { return ForwardConfigJson::busProblem(t.bus); }));
    showError(m_regionError,
              problem([](const auto &t) { return ForwardConfigJson::regionProblem(t.region); }));
    showError(m_sourceError, problem([](const auto &t) {
                  return t.source ? ForwardConfigJson::sourceProblem(*t.source) : QString();
              }));
    showError(m_detailTypeError, problem([](const auto &t) {
                  return t.detailType ? ForwardConfigJson::detailTypeProblem(*t.detailType)
                                      : QString();
              }));
    showError(m_accountError,
              problem([](const auto &t) { return ForwardConfigJson::accountProblem(t.account); }));
    showError(m_endpointUrlError, problem([](const auto &t) {
                  return t.endpointUrl.isEmpty()
                             ? QString()
                             : ForwardConfigJson::urlProblem(t.endpointUrl.toString());
              }));
    m_preview->setPlainText(PutEventsPreview::text(m_capture, endpoint));
}
