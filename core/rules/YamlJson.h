#pragma once

#include <QByteArray>
#include <QString>

// A YAML document (a CloudFormation or SAM template) as JSON text, read with libyaml, so the
// JSON readers take templates in either form. Keys keep their order; plain scalars become
// numbers, booleans and null where JSON has them (quoted ones stay strings; `!!str 12` is
// read as 12: libyaml does not tell it from a plain 12); CloudFormation's
// short forms become their long ones (`!Ref X` → {"Ref": "X"}, `!GetAtt A.B` →
// {"Fn::GetAtt": ["A", "B"]}, `!Sub s` → {"Fn::Sub": "s"}). Aliases are expanded within a
// bound, so an alias bomb is refused rather than expanded.
class YamlJson
{
public:
    static constexpr int MaxDepth = 256;
    static constexpr qint64 MaxOutputBytes = 64 * 1024 * 1024;

    // Empty with `error` set ("line 3, column 5: mapping values are not allowed here") when the
    // text is not one YAML document that can be JSON.
    static QByteArray toJson(const QByteArray &yaml, QString *error);
};
