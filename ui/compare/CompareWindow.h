#pragma once

#include "ui/compare/CompareLoader.h"

#include <QWidget>
#include <memory>

class ByteView;
class HeaderCompareModel;
class JsonDifferenceModel;
class QLabel;
class QTabWidget;
class QTableView;

// Two captures side by side: a summary of what differs, then tabs for the headers (aligned, with
// re-cased, moved and repeated names marked), the bodies as bytes (differences highlighted in
// both, stepped through with Next Difference, F8) and the bodies as JSON (each difference with
// its pointer, kind and values). A window of its own, so several comparisons can stay open.
class CompareWindow : public QWidget
{
    Q_OBJECT
public:
    enum class Tab
    {
        Headers,
        Body,
        Json
    };

    explicit CompareWindow(QWidget *parent = nullptr);

    void setResult(std::shared_ptr<const CompareLoader::Result> result);
    const CompareLoader::Result *result() const { return m_result.get(); }
    void showTab(Tab tab);
    Tab currentTab() const;
    void nextDifference(); // scrolls both byte views to the next differing bytes

    QString summary() const; // the lines above the tabs
    QString jsonSummary() const;
    QString bodyNote() const;
    HeaderCompareModel *headerModel() const { return m_headerModel; }
    JsonDifferenceModel *jsonModel() const { return m_jsonModel; }
    QTableView *headerView() const { return m_headerView; }
    QTableView *jsonView() const { return m_jsonView; }
    ByteView *leftBytes() const { return m_leftBytes; }
    ByteView *rightBytes() const { return m_rightBytes; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    QWidget *buildBodyTab();
    QWidget *buildJsonTab();
    void showJsonDifference(int row);
    static QString describe(const Capture &capture);

    std::shared_ptr<const CompareLoader::Result> m_result;
    QLabel *m_sides;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    HeaderCompareModel *m_headerModel;
    QTableView *m_headerView;
    JsonDifferenceModel *m_jsonModel;
    QTableView *m_jsonView;
    QLabel *m_jsonSummary;
    ByteView *m_leftBytes;
    ByteView *m_rightBytes;
    QLabel *m_bodyNote;
    int m_hunk = -1; // the difference Next Difference showed last
};
