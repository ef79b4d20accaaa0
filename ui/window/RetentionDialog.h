#pragma once

#include "core/capture/RetentionLimits.h"

#include <QDialog>

class QCheckBox;
class QSpinBox;

// File > Retention…: how many captures, or how many MiB of them, the store keeps (config key
// "retention"); the oldest beyond either go after each commit, bookmarked ones kept.
class RetentionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RetentionDialog(const RetentionLimits &limits, QWidget *parent = nullptr);

    RetentionLimits limits() const;
    QCheckBox *countBox() const { return m_byCount; }
    QCheckBox *sizeBox() const { return m_bySize; }
    QSpinBox *countSpin() const { return m_count; }
    QSpinBox *sizeSpin() const { return m_size; }

private:
    QCheckBox *m_byCount;
    QCheckBox *m_bySize;
    QSpinBox *m_count;
    QSpinBox *m_size;
};
