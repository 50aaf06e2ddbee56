/// Joins hard-wrapped deck lines into running text. Slides wrap wherever the text box
/// ends, so a line break is a space, except where it split a URL or a hyphenated word.
enum DeckTextJoiner {
    struct Piece {
        var text: String
        var line: Int
    }

    static func join(_ pieces: [Piece], warnings: inout [ImportWarning]) -> String {
        var result = ""
        for piece in pieces where !piece.text.isEmpty {
            result = append(piece.text, to: result, line: piece.line, warnings: &warnings)
        }
        return result
    }

    /// `text` continues `head` after a line break.
    static func append(_ text: String, to head: String, line: Int, warnings: inout [ImportWarning]) -> String {
        guard !head.isEmpty else { return text }
        guard !text.isEmpty else { return head }
        let lastWord = head.split(separator: " ").last.map(String.init) ?? ""
        if lastWord.hasSuffix("-"), isURL(lastWord), let first = text.first, !first.isWhitespace, !first.isUppercase {
            // pdftotext breaks long URLs after a hyphen: "…/draftrssac-" + "ssac-roles-…".
            warnings.append(ImportWarning(line: line, "mended a URL broken across lines: '\(lastWord)' + '\(firstWord(text))'"))
            return head + text
        }
        if isBrokenCompound(lastWord), let first = text.first, first.isLowercase {
            // "SSR-" + "related": the hyphen is the word's own, so it stays and no space is added.
            warnings.append(ImportWarning(line: line, "joined a hyphenated word broken across lines: '\(lastWord)' + '\(firstWord(text))'"))
            return head + text
        }
        return head + " " + text
    }

    static func isURL(_ word: String) -> Bool {
        let lower = word.lowercased()
        return lower.contains("://") || lower.hasPrefix("www.") || lower.hasPrefix("(http") || lower.hasPrefix("<http")
    }

    /// "SSR-", "long-": a letter, then the hyphen. "–" and " - " are dashes between words.
    private static func isBrokenCompound(_ word: String) -> Bool {
        guard word.count >= 2, word.hasSuffix("-") else { return false }
        let beforeHyphen = word[word.index(word.endIndex, offsetBy: -2)]
        return beforeHyphen.isLetter || beforeHyphen.isNumber
    }

    private static func firstWord(_ text: String) -> String {
        String(text.split(separator: " ").first ?? "")
    }
}
