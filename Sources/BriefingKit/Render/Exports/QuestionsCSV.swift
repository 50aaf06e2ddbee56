/// `questions.csv`: the same records as questions.json, for spreadsheets.
///
/// RFC 4180: CRLF between records, a header row, and a field quoted when it
/// holds a comma, a double quote, CR or LF, with quotes doubled inside.
/// UTF-8 without a byte-order mark (RFC 4180 has none; see docs/readers.md).
struct QuestionsCSV {
    static let path = "questions.csv"
    static let columns = ["id", "recommendation", "recommendation_title", "team", "team_name", "status",
                          "text", "answer", "asked", "asked_date", "answered", "url"]

    func file(_ records: [QuestionRecord]) -> OutputFile {
        var rows = [Self.columns]
        for q in records {
            rows.append([q.id, String(q.recommendation), q.recommendationTitle, q.team, q.teamName, q.status.rawValue,
                         q.text, q.answer ?? "", q.asked ?? "", q.askedDate?.iso ?? "", q.answered?.iso ?? "", q.url])
        }
        let text = rows.map { $0.map(Self.field).joined(separator: ",") + "\r\n" }.joined()
        return OutputFile(path: Self.path, text: text)
    }

    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
