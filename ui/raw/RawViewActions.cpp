#include "ui/raw/RawViewActions.h"

#include "ui/raw/ByteView.h"

#include <QAction>
#include <QMenu>
#include <QSettings>

RawViewActions::RawViewActions(QMenu *menu, const QList<ByteView *> &views, QObject *parent)
    : QObject(parent), m_softWrap(new QAction(tr("Soft &Wrap"), this)),
      m_lineEndMarks(new QAction(tr("Line-End &Marks (␍␊)"), this))
{
    for (ByteView *view : views)
        m_views.append(view);
    const QSettings settings;
    m_softWrap->setObjectName(QStringLiteral("rawSoftWrap"));
    m_softWrap->setCheckable(true);
    m_softWrap->setChecked(settings.value(kSoftWrapKey, true).toBool());
    m_softWrap->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Z));
    m_softWrap->setToolTip(tr("Wrap long lines of the text views at the pane's width"));
    m_lineEndMarks->setObjectName(QStringLiteral("rawLineEndMarks"));
    m_lineEndMarks->setCheckable(true);
    m_lineEndMarks->setChecked(settings.value(kLineEndMarksKey, true).toBool());
    m_lineEndMarks->setShortcut(QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key_Z));
    m_lineEndMarks->setToolTip(tr("Show CR and LF bytes as ␍ and ␊ in the text views"));
    menu->addAction(m_softWrap);
    menu->addAction(m_lineEndMarks);

    connect(m_softWrap, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kSoftWrapKey, on);
        apply();
    });
    connect(m_lineEndMarks, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(kLineEndMarksKey, on);
        apply();
    });
    apply();
}

void RawViewActions::apply()
{
    for (const QPointer<ByteView> &view : std::as_const(m_views)) {
        if (!view)
            continue;
        view->setSoftWrap(m_softWrap->isChecked());
        view->setLineEndMarks(m_lineEndMarks->isChecked());
    }
}
