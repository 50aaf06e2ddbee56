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
        for (i, column) in Self.columns.enumerated() {
            if i > 0 { out.append(byte: UInt8(ascii: ",")) }
            out.append(csvField: column)
        }
        out.append("\r\n" as StaticString)
        // Each field written as it is read: a row was an array of copies of its twelve fields.
        for q in records { Self.row(q, into: &out) }
        return OutputFile(path: Self.path, bytes: out.bytes)
    }

    private static func row(_ q: QuestionRecord, into out: inout ByteText) {
        let comma = UInt8(ascii: ",")
        out.append(csvField: q.id)
        out.append(byte: comma)
        out.append(q.recommendation)
        out.append(byte: comma)
        out.append(csvField: q.recommendationTitle)
        out.append(byte: comma)
        out.append(csvField: q.team)
        out.append(byte: comma)
        out.append(csvField: q.teamName)
        out.append(byte: comma)
        out.append(csvField: q.status.rawValue)
        out.append(byte: comma)
        out.append(csvField: q.text)
        out.append(byte: comma)
        if let answer = q.answer { out.append(csvField: answer) }
        out.append(byte: comma)
        if let asked = q.asked { out.append(csvField: asked) }
        out.append(byte: comma)
        if let day = q.askedDate { out.append(csvField: day.iso) }
        out.append(byte: comma)
        if let day = q.answered { out.append(csvField: day.iso) }
        out.append(byte: comma)
        out.append(csvField: q.url)
        out.append("\r\n" as StaticString)
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
        s.readingUTF8 { utf8 in
            let special = ByteSkip.next(in: utf8, from: 0, vector: Self.csvSpecial, scalar: Self.csvSpecial)
            guard special < utf8.count else {
                append(utf8, 0..<utf8.count)
                return
            }
            append(byte: UInt8(ascii: "\""))
            var run = 0  // start of the bytes not yet copied
            var quote = ByteSkip.next(in: utf8, from: special, vector: Self.csvQuote, scalar: Self.csvQuote)
            while quote < utf8.count {
                // Copy up to and including the quote, then the quote once more.
                append(utf8, run..<(quote + 1))
                append(byte: UInt8(ascii: "\""))
                run = quote + 1
                quote = ByteSkip.next(in: utf8, from: run, vector: Self.csvQuote, scalar: Self.csvQuote)
            }
            append(utf8, run..<utf8.count)
            append(byte: UInt8(ascii: "\""))
        }
    }

    /// The bytes that put a CSV field in quotes: `,`, `"`, CR, LF.
    @inline(__always)
    static func csvSpecial(_ c: UInt8) -> Bool { c == 44 || c == 34 || c == 13 || c == 10 }

    @inline(__always)
    static func csvSpecial(_ v: ByteSkip.Vector) -> ByteSkip.Mask {
        v .== ByteSkip.splat(44) .| v .== ByteSkip.splat(34) .| v .== ByteSkip.splat(13) .| v .== ByteSkip.splat(10)
    }

    @inline(__always)
    static func csvQuote(_ c: UInt8) -> Bool { c == 34 }

    @inline(__always)
    static func csvQuote(_ v: ByteSkip.Vector) -> ByteSkip.Mask { v .== ByteSkip.splat(34) }
}
