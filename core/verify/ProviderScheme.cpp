#include "core/verify/ProviderScheme.h"

bool ProviderScheme::operator==(const ProviderScheme &o) const
{
    return name == o.name && title == o.title && docs == o.docs && notes == o.notes &&
           signatureHeaders == o.signatureHeaders &&
           everySignatureHeader == o.everySignatureHeader && headerFormat == o.headerFormat &&
           listSeparator == o.listSeparator && signatureKey == o.signatureKey &&
           timestampKey == o.timestampKey && testModeKey == o.testModeKey &&
           encoding == o.encoding && content == o.content && contentTemplate == o.contentTemplate &&
           jwsIssuer == o.jwsIssuer && jwsBodyHashClaim == o.jwsBodyHashClaim &&
           jwsQueryHash == o.jwsQueryHash && timestampHeaders == o.timestampHeaders &&
           timestampBodyField == o.timestampBodyField && timestampUnit == o.timestampUnit &&
           timestampRequired == o.timestampRequired && toleranceS == o.toleranceS &&
           toleranceBothWays == o.toleranceBothWays && idHeaders == o.idHeaders &&
           idBodyField == o.idBodyField && secretFormat == o.secretFormat &&
           secretPrefix == o.secretPrefix && detectHeaders == o.detectHeaders &&
           detectBySignatureHeader == o.detectBySignatureHeader && signHeaders == o.signHeaders;
}
