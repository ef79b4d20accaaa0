#pragma once

#include "core/forward/ResendPlan.h"

#include <QTableWidget>

// The headers of "Edit and Resend": name and value per row, in order, duplicates allowed. A
// row left as loaded gives back its exact bytes (also a value that is not UTF-8); edited rows
// give their text as UTF-8. Rows whose name and value are both empty are left out.
class ResendHeaderTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit ResendHeaderTable(QWidget *parent = nullptr);

    void setHeaders(const ResendPlan::Headers &headers);
    ResendPlan::Headers headers() const;
    // A new empty row, its name cell being edited.
    void addRow();
    void removeSelectedRows();

private:
    QTableWidgetItem *cell(const QByteArray &bytes) const;
    static QByteArray bytesOf(const QTableWidgetItem *item);
};
