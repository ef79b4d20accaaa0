#include "ui/endpoints/SecretGenerator.h"

#include "core/verify/ProviderRegistry.h"

#include <QRandomGenerator>

QByteArray SecretGenerator::generate(const QString &provider)
{
    QByteArray bytes(Bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + Bytes));
    const auto scheme = ProviderRegistry::find(provider);
    QByteArray out;
    if (scheme && scheme->secretFormat == ProviderScheme::SecretFormat::WhsecBase64)
        out = QByteArray("whsec_") + bytes.toBase64();
    else
        out = bytes.toHex();
    bytes.fill('\0');
    return out;
}

bool SecretGenerator::canGenerate(const QString &provider)
{
    const auto scheme = ProviderRegistry::find(provider);
    return !scheme || !scheme->isPublicKey();
}
