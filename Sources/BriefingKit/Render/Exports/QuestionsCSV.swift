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
        var out = ByteText()
        func row(_ fields: [String]) {
            for (i, f) in fields.enumerated() {
                if i > 0 { out.append(byte: UInt8(ascii: ",")) }
                out.append(csvField: f)
            }
            out.append("\r\n" as StaticString)
        }
        row(Self.columns)
        for q in records {
            row([q.id, String(q.recommendation), q.recommendationTitle, q.team, q.teamName, q.status.rawValue,
                 q.text, q.answer ?? "", q.asked ?? "", q.askedDate?.iso ?? "", q.answered?.iso ?? "", q.url])
        }
        return OutputFile(path: Self.path, bytes: out.bytes)
    }

    /// One field as written to the file (quoted if it must be).
    static func field(_ s: String) -> String {
        var out = ByteText()
        out.append(csvField: s)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

extension ByteText {
    /// A CSV field: unchanged unless it holds a comma, a double quote, CR or LF;
    /// then in double quotes, with each double quote inside doubled.
    mutating func append(csvField s: String) {
        ByteText.withUTF8(s) { utf8 in
            let special: (UInt8) -> Bool = {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n")
            }
            guard utf8.contains(where: special) else {
                append(utf8, 0..<utf8.count)
                return
            }
            append(byte: UInt8(ascii: "\""))
            var run = 0  // start of the bytes not yet copied
            for i in 0..<utf8.count where utf8[i] == UInt8(ascii: "\"") {
                // Copy up to and including the quote, then the quote once more.
                append(utf8, run..<(i + 1))
                append(byte: UInt8(ascii: "\""))
                run = i + 1
            }
            append(utf8, run..<utf8.count)
            append(byte: UInt8(ascii: "\""))
        }
    }
}
