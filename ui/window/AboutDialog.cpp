#include "ui/window/AboutDialog.h"

#include "core/Version.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace {

QLabel *linkLabel(const QString &html, QWidget *parent)
{
    auto *label = new QLabel(html, parent);
    label->setTextFormat(Qt::RichText);
    label->setOpenExternalLinks(true);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    return label;
}

} // namespace

QString AboutDialog::homepageUrl()
{
    return QStringLiteral("https://github.com/hookbench/hookbench");
}

QString AboutDialog::bugTrackerUrl()
{
    return homepageUrl() + QStringLiteral("/issues");
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Hookbench"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *icon = new QLabel(this);
    const QIcon appIcon = QIcon::fromTheme(QStringLiteral("io.github.hookbench.Hookbench"));
    if (!appIcon.isNull())
        icon->setPixmap(appIcon.pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);

    auto *title = new QLabel(
        QStringLiteral("<h2>Hookbench %1</h2>").arg(QStringLiteral(HOOKBENCH_VERSION)), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *summary = new QLabel(tr("Capture webhook requests, inspect their bytes and verify "
                                  "their signatures."),
                               this);
    summary->setWordWrap(true);
    auto *links = linkLabel(tr("<a href=\"%1\">Website</a> · <a href=\"%2\">Report a bug</a>")
                                .arg(homepageUrl(), bugTrackerUrl()),
                            this);
    links->setObjectName(QStringLiteral("aboutLinks"));
    auto *license = linkLabel(
        tr("Hookbench is free software under the <a "
           "href=\"https://www.gnu.org/licenses/gpl-3.0.html\">GNU General Public License, "
           "version 3 or later</a>. It comes with no warranty."),
        this);
    license->setObjectName(QStringLiteral("aboutLicense"));
    auto *qt = new QLabel(tr("Built with Qt %1, running on Qt %2.")
                              .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion())),
                          this);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(summary);
    text->addWidget(links);
    text->addWidget(license);
    text->addWidget(qt);
    auto *body = new QHBoxLayout;
    body->addWidget(icon);
    body->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}
