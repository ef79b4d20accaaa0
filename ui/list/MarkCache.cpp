#include "ui/list/MarkCache.h"

#include "core/store/CaptureMarks.h"
#include "core/store/CaptureStore.h"

#include <QCoreApplication>

void MarkCache::load(const CaptureStore &store)
{
    m_marks = store.isOpen() ? CaptureMarks(store).all() : QHash<qint64, CaptureMark>();
}

void MarkCache::reload(const CaptureStore &store, const QVector<qint64> &ids)
{
    if (!store.isOpen())
        return;
    const QHash<qint64, CaptureMark> fresh = CaptureMarks(store).marksOf(ids);
    for (const qint64 id : ids) {
        const auto it = fresh.constFind(id);
        if (it == fresh.constEnd() || it->isEmpty())
            m_marks.remove(id);
        else
            m_marks.insert(id, *it);
    }
}

CaptureMark MarkCache::mark(qint64 id) const
{
    CaptureMark m = m_marks.value(id);
    m.captureId = id;
    return m;
}

QString MarkCache::toolTip(const QString &cell, const QString &note)
{
    const QString label = QCoreApplication::translate("MarkCache", "Note: %1").arg(note);
    return cell.isEmpty() ? label : cell + QStringLiteral("\n\n") + label;
}
