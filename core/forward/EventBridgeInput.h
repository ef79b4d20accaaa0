#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <optional>

// What the EventBridge mapper needs of a capture (built by the forward stage from the store).
struct EventBridgeInput
{
    QByteArray method;
    QByteArray target;                            // request target as received: path and query
    QList<QPair<QByteArray, QByteArray>> headers; // in arrival order, names as sent
    QByteArray body;                              // decoded (Content-Encoding undone)
    std::optional<QJsonObject> verdict;           // none: not verified
    QDateTime receivedAt;

    QByteArray header(const QByteArray &name) const // first value; names compared ignoring case
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    }
};
