#pragma once

#include <QByteArray>
#include <QString>

class CaptureVerifier;
struct CaptureSummary;

// An imported request whose body is known only as parsed JSON (ImportedRequest::bodyParsedBy),
// laid out as its endpoint's provider is known to send it: each of JsonLayouts::known(provider)
// in turn, verified with the endpoint's secrets (the fast check), until one reproduces the
// signature. Those are then the bytes that were sent; the diagnosis of the stored capture names
// the layout (Diagnosis, body_modified), or says that the raw body is needed.
class ParsedBodyLayout
{
public:
    // `raw` with the layout that reproduced the signature, and its name in `layout`; `raw`
    // unchanged (and `layout` empty) when none did, or nothing verifies this capture.
    static QByteArray resolve(const CaptureVerifier &verifier, const CaptureSummary &summary,
                              const QByteArray &raw, QString *layout);
};
