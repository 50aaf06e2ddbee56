/// `questions.json`: every question as data (contract, section 2).
///
/// A top-level array, one object per question with a fixed key order; absent
/// values are `null` rather than missing, so every record has the same shape.
struct QuestionsJSON {
    static let path = "questions.json"

    func file(_ records: [QuestionRecord], pieces: ExportPieces = ExportPieces()) -> OutputFile {
        // What `JSONValue.array(...).write(indent: 2, level: 0)` writes, one object at a time.
        var out = ByteText()
        if records.isEmpty {
            out.append("[]" as StaticString)
        } else {
            out.append(byte: UInt8(ascii: "["))
            for (i, q) in records.enumerated() {
                out.append(i == 0 ? "\n  " : ",\n  " as StaticString)
                pieces.append(.json(q), to: &out) { Self.object(q).write(into: &$0, indent: 2, level: 1) }
            }
            out.append("\n]" as StaticString)
        }
        out.append(byte: UInt8(ascii: "\n"))
        return OutputFile(path: Self.path, bytes: out.bytes)
    }

    static func object(_ q: QuestionRecord) -> JSONValue {
        .object([
            ("id", .string(q.id)),
            ("recommendation", .int(q.recommendation)),
            ("recommendation_title", .string(q.recommendationTitle)),
            ("team", .string(q.team)),
            ("team_name", .string(q.teamName)),
            ("status", .string(q.status.rawValue)),
            ("text", .string(q.text)),
            ("answer", .orNull(q.answer)),
            ("asked", .orNull(q.asked)),
            ("asked_date", .orNull(q.askedDate?.iso)),
            ("answered", .orNull(q.answered?.iso)),
            ("url", .string(q.url)),
        ])
    }
}
