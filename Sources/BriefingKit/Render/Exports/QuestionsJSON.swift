/// `questions.json`: every question as data (contract, section 2).
///
/// A top-level array, one object per question with a fixed key order; absent
/// values are `null` rather than missing, so every record has the same shape.
struct QuestionsJSON {
    static let path = "questions.json"

    func file(_ records: [QuestionRecord]) -> OutputFile {
        let items = records.map { q -> JSONValue in
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
        var out = ByteText()
        JSONValue.array(items).write(into: &out, indent: 2, level: 0)
        out.append(byte: UInt8(ascii: "\n"))
        return OutputFile(path: Self.path, bytes: out.bytes)
    }
}
