#include "ui/window/RetentionDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

RetentionDialog::RetentionDialog(const RetentionLimits &limits, QWidget *parent)
    : QDialog(parent), m_byCount(new QCheckBox(tr("Keep at most"), this)),
      m_bySize(new QCheckBox(tr("Keep at most"), this)), m_count(new QSpinBox(this)),
      m_size(new QSpinBox(this))
{
    setWindowTitle(tr("Retention"));
    setObjectName(QStringLiteral("retentionDialog"));
    m_count->setRange(1, 1000000000);
    m_count->setSuffix(tr(" captures"));
    m_count->setValue(limits.maxCaptures > 0 ? int(limits.maxCaptures) : 10000);
    m_byCount->setChecked(limits.maxCaptures > 0);
    m_size->setRange(1, 100000000);
    m_size->setSuffix(tr(" MiB of captured bytes"));
    m_size->setValue(limits.maxMegabytes > 0 ? int(limits.maxMegabytes) : 500);
    m_bySize->setChecked(limits.maxMegabytes > 0);
    m_count->setEnabled(m_byCount->isChecked());
    m_size->setEnabled(m_bySize->isChecked());
    connect(m_byCount, &QCheckBox::toggled, m_count, &QWidget::setEnabled);
    connect(m_bySize, &QCheckBox::toggled, m_size, &QWidget::setEnabled);
    m_count->setAccessibleName(tr("Most captures kept"));
    m_size->setAccessibleName(tr("Most MiB kept"));

    auto *form = new QFormLayout;
    form->addRow(m_byCount, m_count);
    form->addRow(m_bySize, m_size);
    auto *note = new QLabel(tr("Beyond either limit the oldest captures are deleted after each "
                               "new one is stored. Bookmarked captures are always kept. Saved "
                               "in the config file as \"retention\"."),
                            this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

RetentionLimits RetentionDialog::limits() const
{
    RetentionLimits r;
    r.maxCaptures = m_byCount->isChecked() ? m_count->value() : 0;
    r.maxMegabytes = m_bySize->isChecked() ? m_size->value() : 0;
    return r;
}
