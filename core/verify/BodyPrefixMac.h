#pragma once

#include "core/verify/HmacKey.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <cstring>
#include <memory>
#include <vector>

// The HMAC of a signed content whose body piece is replaced by a candidate body that shares a
// prefix with it. The keyed state is kept at checkpoints every Interval bytes of the body (built
// on demand, each body byte fed once), so a candidate costs its differing tail plus at most one
// interval, whatever order the candidates come in: they need not all be in memory at once.
class BodyPrefixMac
{
public:
    static constexpr qsizetype Interval = 64 * 1024;

    // `pieces[bodyPiece]` is the body; the pieces are borrowed and must outlive this object.
    BodyPrefixMac(const HmacKey::Stream &start, const QList<QByteArray> &pieces, int bodyPiece)
        : m_pieces(pieces), m_bodyPiece(bodyPiece), m_body(pieces.at(bodyPiece))
    {
        auto first = std::make_unique<HmacKey::Stream>(start);
        for (int p = 0; p < bodyPiece; ++p)
            first->update(pieces.at(p));
        m_checkpoints.push_back(std::move(first));
    }

    // The MAC with `candidate` in place of the body; `shared` bytes of it equal the body's.
    QByteArray mac(const QByteArray &candidate, qsizetype shared)
    {
        const qsizetype k = shared / Interval;
        while (qsizetype(m_checkpoints.size()) <= k) {
            const qsizetype from = qsizetype(m_checkpoints.size() - 1) * Interval;
            auto next = std::make_unique<HmacKey::Stream>(*m_checkpoints.back());
            next->update(QByteArrayView(m_body).sliced(from, Interval));
            m_checkpoints.push_back(std::move(next));
        }
        HmacKey::Stream s = m_checkpoints[size_t(k)]->fork();
        s.update(QByteArrayView(m_body).sliced(k * Interval, shared - k * Interval));
        s.update(QByteArrayView(candidate).sliced(shared));
        for (int p = m_bodyPiece + 1; p < m_pieces.size(); ++p)
            s.update(m_pieces.at(p));
        return s.finish();
    }

    // How many leading bytes two byte arrays share.
    static qsizetype commonPrefix(const QByteArray &a, const QByteArray &b)
    {
        const qsizetype n = qMin(a.size(), b.size());
        constexpr qsizetype Block = 4096;
        qsizetype i = 0;
        while (i + Block <= n && memcmp(a.constData() + i, b.constData() + i, Block) == 0)
            i += Block;
        while (i < n && a.at(i) == b.at(i))
            ++i;
        return i;
    }

private:
    const QList<QByteArray> &m_pieces;
    const int m_bodyPiece;
    const QByteArray &m_body;
    std::vector<std::unique_ptr<HmacKey::Stream>> m_checkpoints; // at 0, Interval, 2 Interval...
};
