#include "ui/raw/TextIndexer.h"

#include "ui/raw/LineIndexBuilder.h"

TextIndexer::TextIndexer(QObject *parent) : QObject(parent), m_builder(new LineIndexBuilder(this))
{
    connect(m_builder, &LineIndexBuilder::finished, this,
            [this](quint64, std::shared_ptr<const LineIndex> index, qint64 elapsedNs) {
                if (index->data().constData() != m_data.constData())
                    return;
                install(std::move(index));
                Q_EMIT ready(m_index->rowCount(), elapsedNs);
            });
    connect(m_builder, &LineIndexBuilder::cancelled, this,
            [this](quint64, qint64 scanned) { Q_EMIT cancelled(scanned); });
}

void TextIndexer::setThreadPool(QThreadPool *pool)
{
    m_builder->setThreadPool(pool);
}

void TextIndexer::reset(const QByteArray &data)
{
    m_builder->cancel();
    m_data = data;
    m_index.reset();
}

void TextIndexer::cancel()
{
    m_builder->cancel();
}

bool TextIndexer::isBuilding() const
{
    return m_builder->isRunning();
}

void TextIndexer::update(int wrapColumns)
{
    if (m_index && m_index->wrapColumns() == wrapColumns && m_index->isComplete()) {
        m_builder->cancel(); // a job for another width is no longer wanted
        return;
    }
    if (m_data.size() <= kSyncIndexBytes) {
        m_builder->cancel();
        auto index = std::make_shared<LineIndex>();
        index->build(m_data, wrapColumns);
        install(std::move(index));
        Q_EMIT ready(m_index->rowCount(), 0);
        return;
    }
    if (!m_index) {
        auto prefix = std::make_shared<LineIndex>();
        prefix->build(m_data, wrapColumns, kFirstScreenBytes);
        install(std::move(prefix));
    }
    if (m_builder->isRunning() && m_buildWrap == wrapColumns)
        return;
    m_buildWrap = wrapColumns;
    m_builder->start(m_data, wrapColumns);
}

void TextIndexer::install(std::shared_ptr<const LineIndex> index)
{
    std::shared_ptr<const LineIndex> previous = std::move(m_index);
    m_index = std::move(index);
    Q_EMIT indexReplaced(std::move(previous));
}
