#include "ui/verdict/VerdictPanel.h"

#include "core/verify/VerdictHeadline.h"
#include "ui/verdict/VerdictStyle.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>

namespace {

QString stateMark(Verdict::Step::State state)
{
    switch (state) {
    case Verdict::Step::State::Passed:
        return QStringLiteral("✔");
    case Verdict::Step::State::Failed:
        return QStringLiteral("✘");
    case Verdict::Step::State::Skipped:
        return QStringLiteral("–");
    }
    return {};
}

QString mono(const QString &text)
{
    return QStringLiteral("<code>%1</code>").arg(text);
}

} // namespace

VerdictPanel::VerdictPanel(QWidget *parent)
    : QWidget(parent), m_headline(new QLabel(this)), m_steps(new QTreeWidget(this)),
      m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("verdictPanel"));
    m_headline->setTextFormat(Qt::RichText);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_steps->setColumnCount(3);
    m_steps->setHeaderHidden(true);
    m_steps->setRootIsDecorated(false);
    m_steps->setMaximumHeight(m_steps->fontMetrics().height() * 6);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_details->setTextFormat(Qt::RichText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_details, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("signed"))
            Q_EMIT showSignedBytesRequested();
    });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *left = new QVBoxLayout;
    left->addWidget(m_headline);
    left->addWidget(m_steps);
    layout->addLayout(left, 2);
    layout->addWidget(m_details, 3);
    clear();
}

void VerdictPanel::clear()
{
    m_headline->clear();
    m_steps->clear();
    m_details->clear();
    hide();
}

QString VerdictPanel::headline() const
{
    return m_headline->text();
}

QString VerdictPanel::markFirstDifference(const QString &expected, const QString &received)
{
    if (expected.isEmpty())
        return received.toHtmlEscaped(); // nothing computed to compare with
    qsizetype i = 0;
    while (i < expected.size() && i < received.size() && expected.at(i) == received.at(i))
        ++i;
    if (i >= received.size() && i >= expected.size())
        return received.toHtmlEscaped();
    return received.left(i).toHtmlEscaped() +
           QStringLiteral("<span style='background:#f4b6b6'><b>%1</b></span>")
               .arg(received.mid(i, 1).toHtmlEscaped()) +
           received.mid(i + 1).toHtmlEscaped();
}

void VerdictPanel::showVerdict(const Verdict &v)
{
    // The words the request list's Verdict column shows too (VerdictHeadline), in its colour.
    const VerdictHeadline headline = VerdictHeadline::of(v);
    const QColor color = VerdictStyle::color(headline.tone, palette());
    m_headline->setText(QStringLiteral("<span style='color:%1'><b>%2</b></span> · %3 · "
                                       "<code>%4</code><br>%5")
                            .arg(color.isValid() ? color.name() : palette().text().color().name(),
                                 headline.display().toHtmlEscaped(), v.provider.toHtmlEscaped(),
                                 v.reasonCode(), v.message.toHtmlEscaped()));

    m_steps->clear();
    for (const Verdict::Step &step : v.steps) {
        auto *item = new QTreeWidgetItem(m_steps, {stateMark(step.state), step.label, step.detail});
        item->setToolTip(2, step.detail);
    }

    QStringList parts;
    if (v.hasSignedContent)
        parts << tr("Signed content: %1 (<a href='signed'>show the signed bytes</a>)")
                     .arg(mono(v.signedContentPreview().toHtmlEscaped()));
    if (!v.expected.isEmpty())
        parts << tr("Expected: %1").arg(mono(v.expected.toHtmlEscaped()));
    for (const QString &received : v.received)
        parts << tr("Received: %1").arg(mono(markFirstDifference(v.expected, received)));
    for (const Hazard &h : v.hazards) {
        QString line = QStringLiteral("⚠ <b>%1</b>").arg(h.code.toHtmlEscaped());
        if (!h.transform.isEmpty())
            line += QStringLiteral(" (%1)").arg(h.transform.toHtmlEscaped());
        line += QStringLiteral(": ") + h.detail.toHtmlEscaped();
        if (!h.advice.isEmpty())
            line += QStringLiteral("<br>&nbsp;&nbsp;→ ") + h.advice.toHtmlEscaped();
        parts << line;
    }
    m_details->setText(parts.join(QStringLiteral("<br>")));
    show();
}
