#pragma once

#include "core/config/EndpointConfig.h"

#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
struct SelectedCapture;

// The endpoint's EventBridge rules (`rules`): a name and a pattern each, the pattern checked as
// it is typed by EventPattern::compile (AWS's InvalidEventPatternException message, with the
// line and column in the text as typed). Patterns can be imported from a file (a pattern, a
// CloudFormation/SAM JSON template, `aws events describe-rule` output), and tested against the
// request selected in the main window: a match, or every reason it is not one.
class RulesPage : public QWidget
{
    Q_OBJECT
public:
    explicit RulesPage(QWidget *parent = nullptr);

    void load(const EndpointConfig &endpoint);
    void store(EndpointConfig *endpoint) const;
    // The endpoint as stored: the rule tester maps the capture with its forward settings.
    void refresh(const EndpointConfig &endpoint);
    void setCapture(const SelectedCapture *capture);

    // Adds the pattern(s) a file holds; false with the reason shown when it holds none.
    bool importFile(const QString &path);
    void testSelected(); // "Test against the selected request"

    // The JSON value saved for a pattern typed as `text`: the object when it parses as one,
    // else the text itself (a JSON string, which EventPattern compiles with AWS's message).
    static QJsonValue patternValue(const QString &text);

Q_SIGNALS:
    void changed();

private:
    void showRule(int index);
    void addRule(const QString &name, const QString &patternText);
    void removeRule();
    void chooseFile();
    void onNameEdited();
    void onPatternEdited();
    void updateProblems();
    int currentIndex() const;
    QString uniqueName(const QString &name) const;

    const SelectedCapture *m_capture = nullptr;
    EndpointConfig m_endpoint;
    QList<RuleConfig> m_rules;
    QStringList m_texts; // each pattern as typed
    bool m_loading = false;

    QListWidget *m_list;
    QPushButton *m_remove;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QPlainTextEdit *m_pattern;
    QLabel *m_patternError;
    QPushButton *m_test;
    QPlainTextEdit *m_result;
    QLabel *m_status;
    QWidget *m_editor;
};
