#include "ui/io/ExportDialog.h"

#include "ui/list/RequestListModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace {

struct FormatInfo
{
    ExportJob::Format format;
    const char *label;
    const char *suffix; // empty: a folder
};

const FormatInfo Formats[] = {
    {ExportJob::Format::Har, QT_TRANSLATE_NOOP("ExportDialog", "HAR 1.2"), "har"},
    {ExportJob::Format::Jsonl, QT_TRANSLATE_NOOP("ExportDialog", "JSONL (one capture a line)"),
     "jsonl"},
    {ExportJob::Format::RawFolder,
     QT_TRANSLATE_NOOP("ExportDialog", "Raw request files (a folder, one file each)"), ""},
    {ExportJob::Format::Curl, QT_TRANSLATE_NOOP("ExportDialog", "curl script"), "sh"},
};

const FormatInfo &infoOf(ExportJob::Format format)
{
    for (const FormatInfo &f : Formats) {
        if (f.format == format)
            return f;
    }
    return Formats[0];
}

} // namespace

ExportDialog::ExportDialog(const RequestListModel *model, const QItemSelectionModel *selection,
                           CaptureContext::Snapshot context, QWidget *parent)
    : QDialog(parent), m_model(model), m_selection(selection), m_context(std::move(context)),
      m_job(new ExportJob(this)), m_format(new QComboBox(this)),
      m_redact(new QCheckBox(tr("&Redact signatures and secrets"), this)),
      m_target(new QLineEdit(this)), m_status(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Export"));
    for (const FormatInfo &f : Formats)
        m_format->addItem(tr(f.label), int(f.format));
    m_format->setObjectName(QStringLiteral("exportFormat"));
    const QLocale locale;
    const QString counts[] = {
        tr("&Selected requests (%1)").arg(locale.toString(idsOf(Scope::Selected).size())),
        tr("The list as &filtered (%1)").arg(locale.toString(m_model->rowCount())),
        tr("&All captures in the store (%1)").arg(locale.toString(m_model->totalCount()))};
    auto *scopes = new QVBoxLayout;
    for (int i = 0; i < 3; ++i) {
        m_scopes[i] = new QRadioButton(counts[i], this);
        scopes->addWidget(m_scopes[i]);
    }
    const bool anySelected = m_selection && m_selection->hasSelection();
    m_scopes[int(Scope::Selected)]->setEnabled(anySelected);
    m_scopes[int(anySelected ? Scope::Selected : Scope::Filtered)]->setChecked(true);
    m_redact->setToolTip(tr("Signature and credential headers and the endpoints' secrets are "
                            "replaced with [redacted], as `hookbench-cli export "
                            "--redact-secrets` does"));
    auto *choose = new QPushButton(tr("C&hoose…"), this);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(choose);
    auto *form = new QFormLayout;
    form->addRow(tr("F&ormat:"), m_format);
    form->addRow(tr("Captures:"), scopes);
    form->addRow(QString(), m_redact);
    form->addRow(tr("&To:"), targetRow);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setVisible(false);
    QPushButton *exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    exportButton->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    const QString dir = QFileInfo(m_model->storePath()).absolutePath();
    m_target->setText(QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath("export.har"));
    connect(choose, &QPushButton::clicked, this, &ExportDialog::chooseTarget);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (!m_job->isRunning()) {
            reject();
            return;
        }
        m_job->cancel(); // the dialog stays until the job has removed what it wrote
        m_status->setText(tr("Cancelling…"));
    });
    connect(m_job, &ExportJob::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(total > 0 ? int(done * 1000 / total) : 0);
        m_status->setText(tr("%1 of %2 captures written")
                              .arg(QLocale().toString(done), QLocale().toString(total)));
    });
    connect(m_job, &ExportJob::finished, this, &ExportDialog::done);
}

void ExportDialog::setFormat(ExportJob::Format format)
{
    m_format->setCurrentIndex(m_format->findData(int(format)));
}

ExportJob::Format ExportDialog::format() const
{
    return ExportJob::Format(m_format->currentData().toInt());
}

void ExportDialog::setScope(Scope scope)
{
    m_scopes[int(scope)]->setChecked(true);
}

void ExportDialog::setRedact(bool redact)
{
    m_redact->setChecked(redact);
}

void ExportDialog::setTarget(const QString &path)
{
    m_target->setText(path);
}

QString ExportDialog::target() const
{
    return m_target->text();
}

QString ExportDialog::status() const
{
    return m_status->text();
}

QVector<qint64> ExportDialog::idsOf(Scope scope) const
{
    QVector<qint64> ids;
    if (scope == Scope::Selected && m_selection) {
        for (const QModelIndex &row : m_selection->selectedRows())
            ids.append(m_model->captureId(row.row()));
    } else if (scope == Scope::Filtered) {
        const int rows = m_model->rowCount();
        ids.reserve(rows);
        for (int row = 0; row < rows; ++row)
            ids.append(m_model->captureId(row));
    }
    return ids;
}

void ExportDialog::chooseTarget()
{
    const QString suffix = QLatin1String(infoOf(format()).suffix);
    const QString path =
        suffix.isEmpty()
            ? QFileDialog::getExistingDirectory(this, tr("Export raw requests into"), target())
            : QFileDialog::getSaveFileName(
                  this, tr("Export to"), target(),
                  tr("%1 (*.%2);;All files (*)").arg(m_format->currentText(), suffix));
    if (!path.isEmpty())
        setTarget(path);
}

void ExportDialog::formatChanged()
{
    const QString suffix = QLatin1String(infoOf(format()).suffix);
    const QFileInfo info(target());
    const QString base = info.dir().filePath(info.completeBaseName());
    setTarget(suffix.isEmpty() ? base : base + QLatin1Char('.') + suffix);
}

void ExportDialog::startExport()
{
    if (m_job->isRunning())
        return;
    ExportJob::Request request;
    request.storePath = m_model->storePath();
    request.format = format();
    request.target = target().trimmed();
    if (request.target.isEmpty()) {
        m_status->setText(tr("Choose where to export to"));
        return;
    }
    Scope scope = Scope::All;
    for (int i = 0; i < 3; ++i) {
        if (m_scopes[i]->isChecked())
            scope = Scope(i);
    }
    request.all = scope == Scope::All;
    request.ids = idsOf(scope);
    if (m_redact->isChecked())
        request.redactWith = m_context;
    setBusy(true);
    m_status->setText(tr("Exporting…"));
    m_job->start(request);
}

void ExportDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_progress->setRange(0, 0);
    for (QWidget *w : std::initializer_list<QWidget *>{m_format, m_redact, m_target})
        w->setEnabled(!busy);
    for (QRadioButton *r : m_scopes)
        r->setEnabled(!busy && (r != m_scopes[0] || (m_selection && m_selection->hasSelection())));
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(!busy);
    }
}

void ExportDialog::done(const ExportJob::Outcome &outcome)
{
    setBusy(false);
    const QLocale locale;
    if (outcome.cancelled) {
        m_status->setText(tr("Cancelled: nothing was written."));
        return;
    }
    if (!outcome.error.isEmpty()) {
        m_status->setText(outcome.error);
        return;
    }
    QString text =
        tr("Exported %1 capture(s) to %2.").arg(locale.toString(outcome.exported), outcome.target);
    if (m_redact->isChecked())
        text += QLatin1Char(' ') +
                tr("Something was redacted in %1 of them.").arg(locale.toString(outcome.redacted));
    m_status->setText(text);
    Q_EMIT exported(outcome.target);
}
