#include "ui/forward/RuleVerdictModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString jsonText(const QJsonValue &v)
{
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    // a scalar: as it would sit inside an array, without the brackets
    const QByteArray one = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(one.mid(1, one.size() - 2));
}

} // namespace

RuleVerdictModel::RuleVerdictModel(QObject *parent) : QAbstractTableModel(parent) {}

void RuleVerdictModel::setVerdicts(const RuleSet &rules, const RuleVerdicts &verdicts)
{
    beginResetModel();
    m_rows.clear();
    for (int i = 0; i < rules.rules().size(); ++i) {
        const RuleSet::Rule &rule = rules.rules().at(i);
        if (!rule.isValid()) {
            m_rows.append({rule.name, tr("invalid pattern"), {}, {}, {}, rule.error.summary(), {}});
            continue;
        }
        if (i >= verdicts.results.size()) { // not on the bus: no rule sees it
            m_rows.append({rule.name, tr("no event"), {}, {}, {}, verdicts.event.notOnBus, {}});
            continue;
        }
        const MatchResult &r = verdicts.results.at(i);
        if (r.matches) {
            m_rows.append({rule.name, tr("matches"), {}, {}, {}, {}, {}});
            continue;
        }
        for (const MissReason &why : r.reasons) {
            m_rows.append({rule.name, tr("no match"), why.path, jsonText(why.expected),
                           why.absent ? tr("(absent)") : jsonText(why.found), why.hint,
                           why.eventPointer});
        }
        if (r.reasons.isEmpty())
            m_rows.append({rule.name, tr("no match"), {}, {}, {}, {}, {}});
    }
    endResetModel();
}

void RuleVerdictModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int RuleVerdictModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RuleVerdictModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RuleVerdictModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == EventPointerRole)
        return row.pointer;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case RuleColumn:
        return row.rule;
    case VerdictColumn:
        return row.verdict;
    case PathColumn:
        return row.path;
    case ExpectedColumn:
        return row.expected;
    case FoundColumn:
        return row.found;
    case HintColumn:
        return row.hint;
    }
    return {};
}

QVariant RuleVerdictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RuleColumn:
        return tr("Rule");
    case VerdictColumn:
        return tr("Verdict");
    case PathColumn:
        return tr("Field");
    case ExpectedColumn:
        return tr("Expected");
    case FoundColumn:
        return tr("Found");
    case HintColumn:
        return tr("Hint");
    }
    return {};
}
