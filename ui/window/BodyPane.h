#pragma once

#include "core/capture/BodyAnalysis.h"
#include "core/capture/ByteSpan.h"

#include <QWidget>

class ByteView;
class FormFieldsModel;
class JsonTreeModel;
class MultipartPartsModel;
class QLabel;
class QStackedWidget;
class QTableView;
class QTreeView;

// The parsed body: a JSON tree, form fields, multipart parts, or the text itself.
// Speaks in body offsets; the inspector maps them to raw bytes.
class BodyPane : public QWidget
{
    Q_OBJECT
public:
    explicit BodyPane(QWidget *parent = nullptr);

    void show(const BodyAnalysis &analysis);
    void clear();
    // Selects the item (JSON node, field, part) holding this body offset, without emitting;
    // returns that item's span (empty when nothing holds the offset).
    ByteSpan selectBodyOffset(qint64 offset);
    QTreeView *jsonView() const { return m_jsonView; }
    JsonTreeModel *jsonModel() const { return m_jsonModel; }
    ByteView *textView() const { return m_textView; } // text and binary bodies

Q_SIGNALS:
    void bodySpanSelected(ByteSpan span); // in body() offsets

private:
    void onCurrentChanged(const QModelIndex &index);

    QLabel *m_status;
    QStackedWidget *m_stack;
    QTreeView *m_jsonView;
    QTableView *m_formView;
    QTableView *m_partsView;
    ByteView *m_textView;
    JsonTreeModel *m_jsonModel;
    FormFieldsModel *m_formModel;
    MultipartPartsModel *m_partsModel;
    bool m_syncing = false;
};
