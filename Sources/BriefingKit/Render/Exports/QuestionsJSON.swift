/// `questions.json`: every question as data (contract, section 2).
///
/// A top-level array, one object per question with a fixed key order; absent
/// values are `null` rather than missing, so every record has the same shape.
struct QuestionsJSON {
    static let path = "questions.json"

    /// Each record's fields in order, written straight from the record: a tree of values
    /// per question was built, written and torn down again (a sixth of the exports' time).
    /// `Tests/.../JSONValue.swift` keeps that tree as the reference the tests compare with.
    static let fields: [(name: String, value: @Sendable (inout ByteText, QuestionRecord) -> Void)] = [
        ("id", { $0.append(jsonQuoted: $1.id) }),
        ("recommendation", { $0.append($1.recommendation) }),
        ("recommendation_title", { $0.append(jsonQuoted: $1.recommendationTitle) }),
        ("team", { $0.append(jsonQuoted: $1.team) }),
        ("team_name", { $0.append(jsonQuoted: $1.teamName) }),
        ("status", { $0.append(jsonQuoted: $1.status.rawValue) }),
        ("text", { $0.append(jsonQuoted: $1.text) }),
        ("answer", { $0.append(jsonOrNull: $1.answer) }),
        ("asked", { $0.append(jsonOrNull: $1.asked) }),
        ("asked_date", { $0.append(jsonOrNull: $1.askedDate?.iso) }),
        ("answered", { $0.append(jsonOrNull: $1.answered?.iso) }),
        ("url", { $0.append(jsonQuoted: $1.url) }),
    ]

    func file(_ records: [QuestionRecord]) -> OutputFile {
        var out = ByteText()
        if records.isEmpty {
            out.append("[]" as StaticString)
        } else {
            out.append(byte: UInt8(ascii: "["))
            for (i, q) in records.enumerated() {
                if i > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.appendJSONLineBreak(indent: 2, level: 1)
                out.appendJSONObject(Self.fields, indent: 2, level: 1, key: \.name) { out, field in field.value(&out, q) }
            }
            out.appendJSONLineBreak(indent: 2, level: 0)
            out.append(byte: UInt8(ascii: "]"))
        }
        out.append(byte: UInt8(ascii: "\n"))
        return OutputFile(path: Self.path, bytes: out.bytes)
    }
}

extension ByteText {
    /// `s` as a JSON string literal, or `null` without one.
    mutating func append(jsonOrNull s: String?) {
        if let s { append(jsonQuoted: s) } else { append("null" as StaticString) }
    }
}
