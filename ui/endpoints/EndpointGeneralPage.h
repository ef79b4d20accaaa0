#pragma once

#include "core/config/EndpointConfig.h"

#include <QWidget>

class GenericHmacFields;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// The endpoint's id and path, its signature provider (with the generic-hmac description) and
// timestamp tolerance, and the button that shows its requests.
class EndpointGeneralPage : public QWidget
{
    Q_OBJECT
public:
    explicit EndpointGeneralPage(QWidget *parent = nullptr);

    void load(const EndpointConfig &endpoint);
    void store(EndpointConfig *endpoint) const; // the fields into `endpoint`, others kept
    void showProblems(const QString &id, const QString &path, const QString &scheme);
    QString providerChoice() const;
    QLineEdit *idField() const { return m_id; }

Q_SIGNALS:
    void changed();
    // The provider was changed by the user: the page shows the fields that provider needs.
    void providerChanged();
    void showRequestsClicked();

private:
    void setProviderChoice(const QString &provider);
    void updateGeneric(const EndpointConfig &endpoint);

    bool m_loading = false;
    QLineEdit *m_id;
    QLabel *m_idError;
    QLineEdit *m_path;
    QLabel *m_pathError;
    QComboBox *m_provider;
    GenericHmacFields *m_generic;
    QLabel *m_schemeError;
    QSpinBox *m_tolerance;
    QJsonObject m_scheme; // the loaded scheme, kept for providers other than generic-hmac
};
