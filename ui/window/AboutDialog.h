#pragma once

#include <QDialog>

// Help > About Hookbench: the version of project(VERSION), what Hookbench is, its links and
// license, and the Qt it runs on.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    static QString homepageUrl();
    static QString bugTrackerUrl();
};
