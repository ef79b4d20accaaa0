#include "ui/io/ImportDialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

ImportDialog::ImportDialog(const QStringList &files, const QString &storePath,
                           Durability durability, CaptureContext::Snapshot context, QWidget *parent,
                           StoreWriter *writer)
    : QDialog(parent), m_job(new ImportJob(this)), m_status(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Import"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setText(tr("Importing %n file(s) into %1…", nullptr, int(files.size()))
                          .arg(QFileInfo(storePath).fileName()));
    m_progress->setRange(0, 0); // how many requests a file holds is known only at its end
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_job->isRunning()) {
            m_job->cancel(); // the dialog stays until the job says what was kept
            m_status->setText(tr("Stopping after the request being stored…"));
        } else {
            reject();
        }
    });
    connect(m_job, &ImportJob::progress, this, [this](const QString &file, qint64 read) {
        m_status->setText(
            tr("%1: %2 request(s) read").arg(QFileInfo(file).fileName(), QLocale().toString(read)));
    });
    connect(m_job, &ImportJob::finished, this, &ImportDialog::done);
    m_job->start(files, storePath, durability, std::move(context), writer);
}

QString ImportDialog::summary(const ImportJob::Outcome &outcome)
{
    const CaptureImporter::Stats &s = outcome.stats;
    QString text = outcome.cancelled
                       ? tr("Cancelled: %n capture(s) imported before.", nullptr, int(s.imported))
                       : tr("Imported %n capture(s).", nullptr, int(s.imported));
    if (!outcome.shapes.isEmpty())
        text += QLatin1Char(' ') + tr("Read as %1.").arg(outcome.shapes.join(QStringLiteral(", ")));
    QStringList verdicts;
    for (auto it = s.verdicts.begin(); it != s.verdicts.end(); ++it)
        verdicts.append(QStringLiteral("%1 %2")
                            .arg(it.key().isEmpty() ? tr("unverified") : it.key())
                            .arg(it.value()));
    if (!verdicts.isEmpty())
        text += QLatin1Char(' ') + tr("Verdicts: %1.").arg(verdicts.join(QStringLiteral(", ")));
    if (s.withNotes > 0)
        text += QLatin1Char(' ') + tr("%n could not be rebuilt exactly (each capture's origin "
                                      "says what).",
                                      nullptr, int(s.withNotes));
    if (!outcome.error.isEmpty())
        text += QStringLiteral("\n\n") + outcome.error;
    return text;
}

void ImportDialog::done(const ImportJob::Outcome &outcome)
{
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_status->setText(summary(outcome));
    m_buttons->setStandardButtons(QDialogButtonBox::Close);
    m_buttons->button(QDialogButtonBox::Close)->setFocus();
    if (outcome.stats.imported > 0)
        Q_EMIT imported(outcome.stats.firstId, outcome.stats.lastId);
}
