#include "ui/json/JsonPointer.h"

#include "core/capture/JsonDocument.h"
#include "core/compare/JsonDiff.h"

#include <QStringList>

QString JsonPointer::of(const JsonDocument &document, int node)
{
    QStringList tokens; // leaf first
    for (int n = node; n >= 0 && n < document.nodeCount();) {
        const JsonDocument::Node current = document.node(n);
        if (current.parent < 0)
            break;
        if (!current.keySpan.isEmpty()) {
            tokens.append(JsonDiff::pointerToken(document.key(n)));
        } else { // an array element: its index among the parent's children
            const int count = document.node(current.parent).childCount;
            int i = 0;
            while (i < count && document.child(current.parent, i) != n)
                ++i;
            tokens.append(QString::number(i));
        }
        n = current.parent;
    }
    QString pointer = QLatin1String(""); // the root's pointer is empty, not null
    for (auto it = tokens.crbegin(); it != tokens.crend(); ++it)
        pointer += QLatin1Char('/') + *it;
    return pointer;
}
