#include "ui/endpoints/EndpointGeneralPage.h"

#include "core/verify/ProviderRegistry.h"
#include "ui/endpoints/EditorWidgets.h"
#include "ui/endpoints/GenericHmacFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

const QString GenericHmac = QStringLiteral("generic-hmac");
constexpr int MaxToleranceS = 365 * 24 * 3600; // as ConfigLoader accepts

} // namespace

EndpointGeneralPage::EndpointGeneralPage(QWidget *parent) : QWidget(parent)
{
    auto *endpointBox = new QGroupBox(tr("Endpoint"), this);
    m_id = new QLineEdit(endpointBox);
    m_id->setObjectName(QStringLiteral("id"));
    m_idError = EditorWidgets::errorLabel(endpointBox, "idError");
    m_path = new QLineEdit(endpointBox);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setPlaceholderText(QStringLiteral("/stripe"));
    m_pathError = EditorWidgets::errorLabel(endpointBox, "pathError");
    auto *endpointForm = new QFormLayout(endpointBox);
    endpointForm->addRow(tr("I&d:"), EditorWidgets::withError(m_id, m_idError));
    endpointForm->addRow(tr("&Path:"), EditorWidgets::withError(m_path, m_pathError));

    auto *signatureBox = new QGroupBox(tr("Signature"), this);
    m_provider = new QComboBox(signatureBox);
    m_provider->setObjectName(QStringLiteral("provider"));
    m_provider->addItem(tr("none (capture only)"), QString());
    for (const QString &name : ProviderRegistry::names())
        m_provider->addItem(name, name);
    m_generic = new GenericHmacFields(signatureBox);
    m_generic->setObjectName(QStringLiteral("genericHmac"));
    m_schemeError = EditorWidgets::errorLabel(signatureBox, "schemeError");
    m_tolerance = new QSpinBox(signatureBox);
    m_tolerance->setObjectName(QStringLiteral("tolerance"));
    m_tolerance->setRange(-1, MaxToleranceS);
    m_tolerance->setSuffix(tr(" s"));
    m_tolerance->setSpecialValueText(tr("provider default"));
    auto *signatureForm = new QFormLayout(signatureBox);
    signatureForm->addRow(tr("Pro&vider:"), m_provider);
    signatureForm->addRow(EditorWidgets::withError(m_generic, m_schemeError));
    signatureForm->addRow(tr("Timestamp &tolerance:"), m_tolerance);

    auto *requestsBox = new QGroupBox(tr("Requests"), this);
    auto *showRequests = EditorWidgets::button(tr("Show the re&quests this endpoint received"),
                                               "showRequests", requestsBox);
    connect(showRequests, &QPushButton::clicked, this, &EndpointGeneralPage::showRequestsClicked);
    auto *requestsLayout = new QHBoxLayout(requestsBox);
    requestsLayout->addWidget(showRequests);
    requestsLayout->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(endpointBox);
    layout->addWidget(signatureBox);
    layout->addWidget(requestsBox);

    for (QLineEdit *edit : {m_id, m_path}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            if (!m_loading)
                Q_EMIT changed();
        });
    }
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        if (m_loading)
            return;
        if (providerChoice() == GenericHmac)
            m_generic->setScheme(m_scheme);
        Q_EMIT changed();
        Q_EMIT providerChanged();
    });
    connect(m_generic, &GenericHmacFields::changed, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
    connect(m_tolerance, &QSpinBox::valueChanged, this, [this] {
        if (!m_loading)
            Q_EMIT changed();
    });
}

void EndpointGeneralPage::load(const EndpointConfig &e)
{
    m_loading = true;
    m_scheme = e.scheme;
    m_id->setText(e.id);
    m_path->setText(e.path);
    setProviderChoice(e.provider);
    updateGeneric(e);
    m_tolerance->setValue(e.toleranceS);
    m_loading = false;
}

void EndpointGeneralPage::updateGeneric(const EndpointConfig &e)
{
    const bool generic = e.provider == GenericHmac;
    m_generic->setVisible(generic);
    if (generic)
        m_generic->setScheme(e.scheme);
    const auto scheme = ProviderRegistry::find(e.provider);
    const int defaultTolerance = scheme ? scheme->toleranceS : -1;
    m_tolerance->setSpecialValueText(defaultTolerance >= 0
                                         ? tr("provider default (%1 s)").arg(defaultTolerance)
                                         : tr("provider default (none)"));
}

void EndpointGeneralPage::store(EndpointConfig *e) const
{
    e->id = m_id->text();
    e->path = m_path->text();
    e->provider = providerChoice();
    // Other providers keep their scheme object as loaded: the config keeps what it was given.
    if (e->provider == GenericHmac)
        e->scheme = m_generic->scheme();
    e->toleranceS = m_tolerance->value();
}

void EndpointGeneralPage::showProblems(const QString &id, const QString &path,
                                       const QString &scheme)
{
    EditorWidgets::showError(m_idError, id);
    EditorWidgets::showError(m_pathError, path);
    EditorWidgets::showError(m_schemeError, scheme);
}

void EndpointGeneralPage::setProviderChoice(const QString &provider)
{
    int i = m_provider->findData(provider);
    if (i < 0) {
        // Not a provider this build knows: kept as it is rather than silently changed.
        m_provider->addItem(provider, provider);
        i = m_provider->count() - 1;
    }
    m_provider->setCurrentIndex(i);
}

QString EndpointGeneralPage::providerChoice() const
{
    return m_provider->currentData().toString();
}
