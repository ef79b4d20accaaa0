#include "core/rules/YamlJson.h"

#include <QRegularExpression>
#include <cstring>
#include <yaml.h>

namespace {

class Writer
{
public:
    explicit Writer(yaml_document_t *doc) : m_doc(doc) {}

    bool write(yaml_node_t *node, int depth)
    {
        if (!node)
            return fail(QStringLiteral("an empty document"));
        if (depth > YamlJson::MaxDepth)
            return fail(QStringLiteral("nested deeper than %1 levels").arg(YamlJson::MaxDepth));
        if (m_out.size() > YamlJson::MaxOutputBytes)
            return fail(QStringLiteral("larger than %1 MB as JSON (aliases expanded)")
                            .arg(YamlJson::MaxOutputBytes >> 20));
        const QByteArray tag =
            node->tag ? QByteArray(reinterpret_cast<const char *>(node->tag)) : QByteArray();
        if (tag.startsWith('!') && !tag.startsWith("!!"))
            return writeIntrinsic(tag.mid(1), node, depth);
        switch (node->type) {
        case YAML_SCALAR_NODE:
            writeScalar(node);
            return true;
        case YAML_SEQUENCE_NODE: {
            m_out += '[';
            bool first = true;
            for (yaml_node_item_t *i = node->data.sequence.items.start;
                 i < node->data.sequence.items.top; ++i) {
                if (!first)
                    m_out += ',';
                first = false;
                if (!write(yaml_document_get_node(m_doc, *i), depth + 1))
                    return false;
            }
            m_out += ']';
            return true;
        }
        case YAML_MAPPING_NODE: {
            m_out += '{';
            bool first = true;
            for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
                 p < node->data.mapping.pairs.top; ++p) {
                yaml_node_t *key = yaml_document_get_node(m_doc, p->key);
                if (!key || key->type != YAML_SCALAR_NODE)
                    return fail(QStringLiteral("line %1: a mapping key that is not a scalar")
                                    .arg(key ? key->start_mark.line + 1 : 0));
                if (!first)
                    m_out += ',';
                first = false;
                writeString(scalar(key));
                m_out += ':';
                if (!write(yaml_document_get_node(m_doc, p->value), depth + 1))
                    return false;
            }
            m_out += '}';
            return true;
        }
        default:
            return fail(QStringLiteral("an empty node"));
        }
    }

    QByteArray out() const { return m_out; }
    QString error() const { return m_error; }

private:
    static QByteArray scalar(yaml_node_t *node)
    {
        return QByteArray(reinterpret_cast<const char *>(node->data.scalar.value),
                          qsizetype(node->data.scalar.length));
    }

    // CloudFormation's short forms: !Ref and !Condition keep their names, !GetAtt A.B splits,
    // every other !Name is Fn::Name.
    bool writeIntrinsic(const QByteArray &name, yaml_node_t *node, int depth)
    {
        const QByteArray key =
            name == "Ref" || name == "Condition" ? name : QByteArray("Fn::") + name;
        m_out += '{';
        writeString(key);
        m_out += ':';
        if (name == "GetAtt" && node->type == YAML_SCALAR_NODE) {
            const QByteArray text = scalar(node);
            const qsizetype dot = text.indexOf('.');
            m_out += '[';
            writeString(dot < 0 ? text : text.left(dot));
            if (dot >= 0) {
                m_out += ',';
                writeString(text.mid(dot + 1));
            }
            m_out += ']';
        } else {
            yaml_char_t *const tag = node->tag;
            node->tag = nullptr; // the value itself, untagged
            const bool ok = write(node, depth + 1);
            node->tag = tag;
            if (!ok)
                return false;
        }
        m_out += '}';
        return true;
    }

    void writeScalar(yaml_node_t *node)
    {
        const QByteArray text = scalar(node);
        // libyaml gives a plain scalar the string tag whether or not `!!str` was written, so a
        // plain scalar is resolved by its text (as CloudFormation does) and a quoted one is text
        if (node->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
            static const QRegularExpression number(
                QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
            const QByteArray lower = text.toLower();
            if (text.isEmpty() || text == "~" || lower == "null") {
                m_out += "null";
                return;
            }
            if (lower == "true" || lower == "false") {
                m_out += lower;
                return;
            }
            if (number.match(QString::fromLatin1(text)).hasMatch()) {
                m_out += text; // exactly as written: no rounding through a double
                return;
            }
        }
        writeString(text);
    }

    void writeString(const QByteArray &utf8)
    {
        m_out += '"';
        for (const char ch : utf8) {
            const auto c = static_cast<unsigned char>(ch);
            if (c == '"' || c == '\\') {
                m_out += '\\';
                m_out += ch;
            } else if (c < 0x20) {
                static const char hex[] = "0123456789abcdef";
                switch (c) {
                case '\n':
                    m_out += "\\n";
                    break;
                case '\t':
                    m_out += "\\t";
                    break;
                case '\r':
                    m_out += "\\r";
                    break;
                default:
                    m_out += "\\u00";
                    m_out += hex[c >> 4];
                    m_out += hex[c & 15];
                }
            } else {
                m_out += ch;
            }
        }
        m_out += '"';
    }

    bool fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
        return false;
    }

    yaml_document_t *m_doc;
    QByteArray m_out;
    QString m_error;
};

} // namespace

QByteArray YamlJson::toJson(const QByteArray &yaml, QString *error)
{
    error->clear();
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        *error = QStringLiteral("the YAML parser could not start (out of memory)");
        return {};
    }
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(yaml.constData()),
                                 size_t(yaml.size()));
    yaml_document_t doc;
    QByteArray out;
    if (!yaml_parser_load(&parser, &doc)) {
        *error = QStringLiteral("line %1, column %2: %3")
                     .arg(parser.problem_mark.line + 1)
                     .arg(parser.problem_mark.column + 1)
                     .arg(QString::fromUtf8(parser.problem ? parser.problem : "not YAML"));
        if (parser.context)
            *error += QStringLiteral(" (%1)").arg(QString::fromUtf8(parser.context));
    } else {
        Writer writer(&doc);
        if (writer.write(yaml_document_get_root_node(&doc), 0))
            out = writer.out();
        else
            *error = writer.error();
        yaml_document_delete(&doc);
    }
    yaml_parser_delete(&parser);
    return out;
}
