#include "ui/endpoints/RulesPage.h"

#include "core/rules/EventPattern.h"
#include "core/rules/PatternMatcher.h"
#include "core/rules/PatternSource.h"
#include "ui/endpoints/EditorWidgets.h"
#include "ui/endpoints/EndpointValidator.h"
#include "ui/endpoints/PutEventsPreview.h"
#include "ui/endpoints/SelectedCapture.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

QString textOf(const QJsonValue &pattern)
{
    if (pattern.isObject())
        return QString::fromUtf8(QJsonDocument(pattern.toObject()).toJson(QJsonDocument::Indented));
    return pattern.toString();
}

} // namespace

RulesPage::RulesPage(QWidget *parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("ruleList"));
    auto *add = EditorWidgets::button(tr("&New Rule"), "addRule", this);
    m_remove = EditorWidgets::button(tr("&Delete Rule"), "removeRule", this);
    auto *import = EditorWidgets::button(tr("&Import…"), "importRule", this);
    import->setToolTip(tr("A pattern, a CloudFormation or SAM template (JSON), or the output of "
                          "aws events describe-rule"));
    connect(add, &QPushButton::clicked, this, [this] {
        addRule(uniqueName(QStringLiteral("rule")), QStringLiteral("{\n  \"source\": [\"\"]\n}\n"));
        m_name->setFocus();
        m_name->selectAll();
    });
    connect(m_remove, &QPushButton::clicked, this, &RulesPage::removeRule);
    connect(import, &QPushButton::clicked, this, &RulesPage::chooseFile);
    connect(m_list, &QListWidget::currentRowChanged, this, &RulesPage::showRule);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(add);
    listButtons->addWidget(m_remove);
    listButtons->addWidget(import);
    auto *listPane = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list, 1);
    listLayout->addLayout(listButtons);

    m_editor = new QWidget(this);
    m_name = new QLineEdit(m_editor);
    m_name->setObjectName(QStringLiteral("ruleName"));
    m_nameError = EditorWidgets::errorLabel(m_editor, "ruleNameError");
    m_pattern = new QPlainTextEdit(m_editor);
    m_pattern->setObjectName(QStringLiteral("rulePattern"));
    m_pattern->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pattern->setTabChangesFocus(true);
    m_patternError = EditorWidgets::errorLabel(m_editor, "patternError");
    m_test = EditorWidgets::button(tr("&Test Against the Selected Request"), "testRule", m_editor);
    connect(m_test, &QPushButton::clicked, this, &RulesPage::testSelected);
    m_result = new QPlainTextEdit(m_editor);
    m_result->setObjectName(QStringLiteral("ruleResult"));
    m_result->setReadOnly(true);
    m_result->setTabChangesFocus(true);
    m_result->setMaximumHeight(140);
    connect(m_name, &QLineEdit::textEdited, this, &RulesPage::onNameEdited);
    connect(m_pattern, &QPlainTextEdit::textChanged, this, &RulesPage::onPatternEdited);

    auto *form = new QFormLayout(m_editor);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Na&me:"), EditorWidgets::withError(m_name, m_nameError));
    form->addRow(tr("&Pattern:"), EditorWidgets::withError(m_pattern, m_patternError));
    form->addRow(QString(), m_test);
    form->addRow(tr("Result:"), m_result);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("ruleStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(listPane);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 600}); // the names are short, the patterns are not
    auto *note = new QLabel(tr("Rules as the bus would apply them to this endpoint's events. A "
                               "delivered PutEvents only means the bus accepted an event."),
                            this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    showRule(-1);
}

QJsonValue RulesPage::patternValue(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isObject())
        return doc.object();
    return text;
}

void RulesPage::load(const EndpointConfig &endpoint)
{
    m_loading = true;
    m_endpoint = endpoint;
    m_rules = endpoint.rules;
    m_texts.clear();
    m_list->clear();
    for (const RuleConfig &rule : m_rules) {
        m_texts.append(textOf(rule.pattern));
        m_list->addItem(rule.name);
    }
    m_result->clear();
    m_status->clear();
    m_loading = false;
    m_list->setCurrentRow(m_rules.isEmpty() ? -1 : 0);
    showRule(currentIndex());
}

void RulesPage::store(EndpointConfig *endpoint) const
{
    endpoint->rules = m_rules;
}

void RulesPage::refresh(const EndpointConfig &endpoint)
{
    m_endpoint = endpoint;
}

void RulesPage::setCapture(const SelectedCapture *capture)
{
    m_capture = capture;
    updateProblems();
}

int RulesPage::currentIndex() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_rules.size() ? row : -1;
}

void RulesPage::showRule(int index)
{
    if (m_loading)
        return;
    m_loading = true;
    m_editor->setEnabled(index >= 0);
    m_remove->setEnabled(index >= 0);
    m_name->setText(index >= 0 ? m_rules.at(index).name : QString());
    m_pattern->setPlainText(index >= 0 ? m_texts.at(index) : QString());
    m_result->clear();
    m_loading = false;
    updateProblems();
}

void RulesPage::updateProblems()
{
    const int index = currentIndex();
    m_test->setEnabled(index >= 0 && m_capture);
    m_test->setToolTip(m_capture ? QString()
                                 : tr("Select a request in the main window before opening the "
                                      "editor"));
    if (index < 0) {
        EditorWidgets::showError(m_nameError, QString());
        EditorWidgets::showError(m_patternError, QString());
        return;
    }
    EditorWidgets::showError(
        m_nameError, EditorWidgets::sentence(EndpointValidator::ruleNameProblem(m_rules, index)));
    // Compiled from the text as typed, so that the line and column are the editor's.
    PatternError error;
    EventPattern::compile(m_pattern->toPlainText().toUtf8(), &error);
    QString problem = error.isEmpty() ? QString() : error.message();
    if (!error.isEmpty() && error.line > 0)
        problem += tr("\n(line %1, column %2 of the pattern%3)")
                       .arg(error.line)
                       .arg(error.column)
                       .arg(error.path.isEmpty() ? QString() : tr(", at %1").arg(error.path));
    EditorWidgets::showError(m_patternError, problem);
}

void RulesPage::onNameEdited()
{
    const int index = currentIndex();
    if (m_loading || index < 0)
        return;
    m_rules[index].name = m_name->text();
    m_list->item(index)->setText(m_name->text());
    updateProblems();
    Q_EMIT changed();
}

void RulesPage::onPatternEdited()
{
    const int index = currentIndex();
    if (m_loading || index < 0)
        return;
    m_texts[index] = m_pattern->toPlainText();
    m_rules[index].pattern = patternValue(m_texts.at(index));
    m_result->clear();
    updateProblems();
    Q_EMIT changed();
}

QString RulesPage::uniqueName(const QString &name) const
{
    QStringList names;
    for (const RuleConfig &rule : m_rules)
        names.append(rule.name);
    QString candidate = name;
    for (int n = 2; names.contains(candidate); ++n)
        candidate = QStringLiteral("%1-%2").arg(name).arg(n);
    return candidate;
}

void RulesPage::addRule(const QString &name, const QString &patternText)
{
    m_rules.append({name, patternValue(patternText)});
    m_texts.append(patternText);
    m_list->addItem(name);
    m_list->setCurrentRow(int(m_rules.size()) - 1);
    Q_EMIT changed();
}

void RulesPage::removeRule()
{
    const int index = currentIndex();
    if (index < 0)
        return;
    m_loading = true;
    m_rules.removeAt(index);
    m_texts.removeAt(index);
    delete m_list->takeItem(index);
    m_loading = false;
    showRule(currentIndex());
    Q_EMIT changed();
}

void RulesPage::chooseFile()
{
    // Non-blocking, as the editor's other dialogs: no nested event loop.
    auto *dialog = new QFileDialog(this, tr("Import Event Pattern"), QString(),
                                   tr("JSON (*.json);;All files (*)"));
    dialog->setObjectName(QStringLiteral("importPatternDialog"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &path) { importFile(path); });
    dialog->open();
}

bool RulesPage::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("%1: cannot be read: %2").arg(path, file.errorString()));
        return false;
    }
    const QByteArray text = file.readAll();
    bool isPattern = false;
    QString error;
    const QVector<PatternSource::Rule> rules = PatternSource::rulesIn(text, &isPattern, &error);
    if (isPattern) {
        addRule(uniqueName(QFileInfo(path).completeBaseName()), QString::fromUtf8(text));
        m_status->setText(tr("Imported the pattern in %1.").arg(QFileInfo(path).fileName()));
        return true;
    }
    if (!error.isEmpty() || rules.isEmpty()) {
        m_status->setText(error.isEmpty() ? tr("%1: no event pattern found").arg(path)
                                          : tr("%1: %2").arg(path, error));
        return false;
    }
    QStringList imported, skipped;
    for (const PatternSource::Rule &rule : rules) {
        const QString name = rule.names.value(0, rule.origin);
        if (!rule.problem.isEmpty()) {
            skipped.append(tr("%1 (%2)").arg(name, rule.problem));
            continue;
        }
        QString patternText = QString::fromUtf8(rule.pattern);
        const QJsonDocument doc = QJsonDocument::fromJson(rule.pattern);
        if (doc.isObject())
            patternText = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
        addRule(uniqueName(name), patternText);
        imported.append(name);
    }
    QString status =
        tr("Imported from %1: %2.")
            .arg(QFileInfo(path).fileName(),
                 imported.isEmpty() ? tr("nothing") : imported.join(QStringLiteral(", ")));
    if (!skipped.isEmpty())
        status += tr(" Not imported: %1.").arg(skipped.join(QStringLiteral("; ")));
    m_status->setText(status);
    return !imported.isEmpty();
}

void RulesPage::testSelected()
{
    const int index = currentIndex();
    if (index < 0 || !m_capture)
        return;
    PatternError error;
    const EventPattern pattern = EventPattern::compile(m_pattern->toPlainText().toUtf8(), &error);
    if (!pattern.isValid()) {
        m_result->setPlainText(tr("The pattern is not valid: %1").arg(error.summary()));
        return;
    }
    EventEnvelope envelope;
    QString problem;
    if (!PutEventsPreview::envelope(*m_capture, m_endpoint, &envelope, &problem)) {
        m_result->setPlainText(tr("Request %1 is not on the bus, so no rule sees it: %2")
                                   .arg(m_capture->capture.summary.id)
                                   .arg(problem));
        return;
    }
    const MatchResult result = PatternMatcher(pattern).match(envelope.toJson());
    QString text = result.matches ? tr("Match: rule \"%1\" matches request %2 (%3, %4).")
                                  : tr("No match: rule \"%1\" does not match request %2 (%3, %4):");
    text = text.arg(m_rules.at(index).name)
               .arg(m_capture->capture.summary.id)
               .arg(envelope.source, envelope.detailType);
    for (const MissReason &reason : result.reasons)
        text += QStringLiteral("\n• ") + reason.toText();
    m_result->setPlainText(text);
}
