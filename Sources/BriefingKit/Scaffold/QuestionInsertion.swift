import Foundation

/// Adds a question entry to a recommendation file's front matter as a text edit,
/// so every other byte of the file (comments, quoting, order, the body) stays as written.
///
/// Re-serialising the YAML would be simpler and would lose all of that, which is
/// why the edit works on lines: it finds the `questions:` block list, learns its
/// indentation from the entries already there, and puts the new entry after the last one.
public enum QuestionInsertion {
    public enum Failure: Error, Equatable {
        case noFrontMatter
        /// `questions:` holds something other than a block list or `[]` (flow style, a scalar).
        case notABlockList(line: Int)
    }

    /// The file's text with `entry` (lines built by `ContentScaffolds.questionEntry` with `dash`
    /// from `dashColumn(in:)`) added as the last question.
    public static func insert(entry: (Int) -> [String], into text: String) -> Result<String, Failure> {
        // The build reads files with a BOM and CRLF line ends; the edit keeps both as found.
        // (Swift reads "\r\n" as one Character, which a split on "\n" never finds.)
        let bom = text.unicodeScalars.first == "\u{FEFF}"
        var body = bom ? String(text.unicodeScalars.dropFirst()) : text
        let crlf = body.contains("\r\n")
        if crlf { body = body.replacingOccurrences(of: "\r\n", with: "\n") }
        return insert(entry: entry, intoLines: body).map { edited in
            (bom ? "\u{FEFF}" : "") + (crlf ? edited.replacingOccurrences(of: "\n", with: "\r\n") : edited)
        }
    }

    private static func insert(entry: (Int) -> [String], intoLines text: String) -> Result<String, Failure> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") else { return .failure(.noFrontMatter) }

        guard let key = (1..<close).first(where: { isTopLevelKey(lines[$0], "questions") }) else {
            // No questions yet: a new list at the end of the front matter.
            lines.insert(contentsOf: ["questions:"] + entry(2), at: close)
            return .success(lines.joined(separator: "\n"))
        }
        let value = valueAfterKey(lines[key], "questions")
        switch value {
        case "", "~", "null":
            break
        case "[]":
            lines[key] = "questions:" + trailingComment(lines[key])
        default:
            return .failure(.notABlockList(line: key + 1))
        }
        // The list runs until the next top-level key; its entries are the lines indented
        // under `questions:` or starting with `-` at column 0 (YAML allows both).
        var end = key + 1
        var lastEntryLine: Int? = nil
        var dash: Int? = nil
        while end < close {
            let line = lines[end]
            let stripped = line.drop { $0 == " " }
            let isBlankOrComment = stripped.isEmpty || stripped.hasPrefix("#")
            if !isBlankOrComment {
                guard line.hasPrefix(" ") || line.hasPrefix("-") else { break }
                if dash == nil, stripped.hasPrefix("-") { dash = line.count - stripped.count }
                lastEntryLine = end
            }
            end += 1
        }
        let at = (lastEntryLine ?? key) + 1
        lines.insert(contentsOf: entry(dash ?? 2), at: at)
        return .success(lines.joined(separator: "\n"))
    }

    static func isTopLevelKey(_ line: String, _ key: String) -> Bool {
        guard line.hasPrefix(key) else { return false }
        let rest = line.dropFirst(key.count).drop { $0 == " " }
        return rest.hasPrefix(":")
    }

    /// What follows `key:` on its line, without a trailing comment or spaces.
    static func valueAfterKey(_ line: String, _ key: String) -> String {
        var rest = Substring(line.dropFirst(key.count).drop { $0 == " " }.dropFirst())
        if let hash = rest.range(of: " #") { rest = rest[..<hash.lowerBound] }
        if rest.drop(while: { $0 == " " }).hasPrefix("#") { rest = "" }
        return rest.trimmingCharacters(in: .whitespaces)
    }

    static func trailingComment(_ line: String) -> String {
        guard let hash = line.range(of: " #") else { return "" }
        return String(line[hash.lowerBound...])
    }
}
