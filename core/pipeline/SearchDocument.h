#pragma once

#include <QByteArray>
#include <QString>

// What the search index (core/store/SearchIndex) holds of one capture: the request line and
// header lines (each header as `HeaderMark name ValueMark value`), the body as text, and the
// event type (EventType). The body is undone of its transfer framing and Content-Encoding and
// cut at SearchIndex::MaxBodyBytes; a body that is not UTF-8 text is not indexed.
class SearchDocument
{
public:
    QString head;
    QString body;
    QString eventType;

    static SearchDocument of(const QByteArray &raw);
};
