#include "ui/forward/ResendDialog.h"

#include "core/forward/ResendPlan.h"
#include "core/http/RequestFramer.h"
#include "core/secrets/SecretStore.h"
#include "ui/forward/ResendBodyEditor.h"
#include "ui/forward/ResendHeaderTable.h"
#include "ui/forward/ResendResponseView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

QGroupBox *group(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

} // namespace

ResendDialog::ResendDialog(const Capture &capture, const std::optional<EndpointConfig> &endpoint,
                           SecretStore *secrets, QWidget *parent)
    : QDialog(parent), m_capture(capture), m_endpoint(endpoint), m_target(new QComboBox(this)),
      m_resign(
          new QCheckBox(tr("&Re-sign with the endpoint's secret and a fresh timestamp"), this)),
      m_headers(new ResendHeaderTable(this)), m_body(new ResendBodyEditor(this)),
      m_response(new ResendResponseView(this)), m_summary(new QLabel(this)),
      m_send(new QPushButton(tr("&Send"), this)), m_cancel(new QPushButton(tr("Cancel"), this))
{
    setWindowTitle(tr("Edit and Resend Capture %1").arg(capture.summary.id));
    m_capture.parsed = RequestFramer::parse(m_capture.raw);
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setEditable(true);
    m_target->lineEdit()->setPlaceholderText(QStringLiteral("http://localhost:3000/webhooks"));
    if (m_endpoint) {
        for (const HttpForwardTarget &t : m_endpoint->forward.http)
            m_target->addItem(t.url.toString());
    }
    m_resign->setObjectName(QStringLiteral("resign"));
    m_headers->setObjectName(QStringLiteral("headers"));
    m_headers->setHeaders(ResendPlan::editableHeaders(m_capture.parsed));
    m_body->setBody(m_capture.parsed.body(m_capture.raw));
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_send->setDefault(true);
    m_cancel->setObjectName(QStringLiteral("cancelSend"));

    auto *addHeader = new QPushButton(tr("&Add"), this);
    auto *removeHeader = new QPushButton(tr("Re&move"), this);
    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch();
    auto *hostNote = new QLabel(tr("Host becomes the target's unless you change it here or the "
                                   "target keeps it; Content-Length follows the body."),
                                this);
    hostNote->setWordWrap(true);
    auto *headersPane = new QWidget(this);
    auto *headersLayout = new QVBoxLayout(headersPane);
    headersLayout->setContentsMargins(0, 0, 0, 0);
    headersLayout->addWidget(m_headers, 1);
    headersLayout->addLayout(headerButtons);
    headersLayout->addWidget(hostNote);

    auto *request = new QSplitter(Qt::Horizontal, this);
    request->addWidget(group(tr("Headers"), headersPane, this));
    request->addWidget(group(tr("Body"), m_body, this));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(request);
    split->addWidget(group(tr("Response"), m_response, this));

    auto *form = new QFormLayout;
    form->addRow(tr("Send &to:"), m_target);
    form->addRow(QString(), m_resign);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(split, 1);
    layout->addLayout(bottom);
    resize(900, 700);

    connect(addHeader, &QPushButton::clicked, m_headers, &ResendHeaderTable::addRow);
    connect(removeHeader, &QPushButton::clicked, m_headers, &ResendHeaderTable::removeSelectedRows);
    connect(m_send, &QPushButton::clicked, this, &ResendDialog::send);
    connect(m_cancel, &QPushButton::clicked, this, &ResendDialog::cancel);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_target, &QComboBox::currentTextChanged, this, &ResendDialog::onTargetChanged);
    readSecret(secrets);
    updateButtons();
}

ResendDialog::~ResendDialog()
{
    SigningSecret::wipe(m_secret);
}

void ResendDialog::readSecret(SecretStore *secrets)
{
    const EndpointConfig *endpoint = m_endpoint ? &*m_endpoint : nullptr;
    const QString problem = ResendPlan::resignProblem(endpoint, m_capture.parsed);
    if (!problem.isEmpty() || !secrets) {
        setResignState(false,
                       problem.isEmpty() ? tr("No keychain to read the secret from") : problem);
        return;
    }
    m_secretPending = true;
    setResignState(false, tr("Reading the secret of %1 from the keychain…").arg(endpoint->id));
    secrets->read(endpoint->id, this, [this](const SecretStore::Result &result) {
        m_secretPending = false;
        if (result.ok() && !result.secrets.isEmpty()) {
            m_secret = result.secrets.first().value;
            setResignState(true, {});
        } else {
            setResignState(false, result.ok()
                                      ? tr("No secret for %1 in the keychain").arg(m_endpoint->id)
                                      : result.error);
        }
        Q_EMIT resignKnown();
        if (m_sendWhenReady) {
            m_sendWhenReady = false;
            send();
        }
    });
}

void ResendDialog::setResignState(bool possible, const QString &why)
{
    m_resign->setEnabled(possible);
    m_resign->setToolTip(possible ? tr("Signs the body sent, edited or not, so the handler's "
                                       "tolerance check passes")
                                  : why);
    if (possible)
        onTargetChanged();
    else
        m_resign->setChecked(false);
}

void ResendDialog::onTargetChanged()
{
    // A configured target brings its own re-sign setting.
    if (!m_endpoint || !m_resign->isEnabled())
        return;
    const QUrl url(m_target->currentText().trimmed(), QUrl::StrictMode);
    for (const HttpForwardTarget &t : m_endpoint->forward.http) {
        if (t.url == url)
            m_resign->setChecked(t.resign);
    }
}

void ResendDialog::send()
{
    if (m_inFlight)
        return;
    if (m_secretPending) { // the keychain has not answered yet: re-signing may still come
        m_sendWhenReady = true;
        m_summary->setText(tr("Waiting for the keychain…"));
        return;
    }
    const QString url = m_target->currentText().trimmed();
    if (const QString problem = ResendPlan::urlProblem(url); !problem.isEmpty()) {
        m_summary->setText(tr("Send to: %1").arg(problem));
        m_target->setFocus();
        return;
    }
    const EndpointConfig *endpoint = m_endpoint ? &*m_endpoint : nullptr;
    const HttpForwardTarget target = ResendPlan::targetFor(endpoint, QUrl(url, QUrl::StrictMode));
    ResendPlan::Edits edits;
    edits.headers = m_headers->headers();
    edits.body = m_body->editedBody();
    edits.resign = m_resign->isEnabled() && m_resign->isChecked();
    const ResendPlan::Result plan =
        ResendPlan::build(m_capture.raw, m_capture.parsed, target, edits, endpoint, m_secret,
                          QDateTime::currentSecsSinceEpoch());
    if (!plan.error.isEmpty()) {
        m_summary->setText(plan.error);
        return;
    }
    m_summary->setText(tr("%n byte(s) sent to %1", nullptr, int(plan.request.size())).arg(url) +
                       (plan.note.isEmpty() ? QString() : QStringLiteral(", ") + plan.note));
    m_response->showSending(url);
    m_inFlight = new QObject(this);
    HttpDelivery::send(
        target.url, plan.request, target.timeoutMs,
        [this](const HttpDelivery::Result &result) { finishSend(result); }, m_inFlight);
    updateButtons();
}

void ResendDialog::cancel()
{
    if (!m_inFlight)
        return;
    delete m_inFlight; // the delivery with it: its socket is aborted, its callback never runs
    m_inFlight = nullptr;
    m_response->showProblem(tr("Canceled; the app may have received the request."));
    updateButtons();
}

void ResendDialog::finishSend(const HttpDelivery::Result &result)
{
    m_inFlight->deleteLater(); // the delivery is still on the stack
    m_inFlight = nullptr;
    m_response->showResult(result);
    updateButtons();
    Q_EMIT answered(result);
}

void ResendDialog::updateButtons()
{
    m_send->setEnabled(!m_inFlight);
    m_cancel->setEnabled(m_inFlight != nullptr);
}
