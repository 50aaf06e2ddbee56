/// Deck text → Markdown that renders as the same text. Deck text is prose, not
/// Markdown, so characters cmark would read as markup get a backslash; everything
/// else (typographic quotes, dashes, pdftotext artefacts) stays as the deck has it.
enum DeckMarkdown {
    /// One paragraph of running text.
    static func escape(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        for (i, c) in chars.enumerated() {
            let before: Character? = i > 0 ? chars[i - 1] : nil
            let after: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if needsEscape(c, before: before, after: after, rest: chars[(i + 1)...]) { out.append("\\") }
            out.append(c)
        }
        return escapeBlockStart(out)
    }

    private static func needsEscape(_ c: Character, before: Character?, after: Character?, rest: ArraySlice<Character>) -> Bool {
        switch c {
        case "\\":
            // Only a backslash before punctuation is an escape; elsewhere it is literal.
            return after.map { $0.isASCII && $0.isPunctuation || $0.isASCII && $0.isSymbol } ?? false
        case "`", "[":
            // Code spans, links and [[cross-references]].
            return true
        case "*", "_":
            // A delimiter between two spaces, or "_" inside a word, cannot open or close emphasis.
            let spaced = before.map(\.isWhitespace) == true && after.map(\.isWhitespace) ?? true
            let intraword = c == "_" && before.map(isWordCharacter) == true && after.map(isWordCharacter) == true
            return !(spaced || intraword)
        case "<":
            // Raw HTML and autolinks start with a letter, "/", "!" or "?".
            return after.map { $0.isLetter || "/!?".contains($0) } ?? false
        case "&":
            // Only something like "&amp;" or "&#38;" is an entity.
            let tail = String(rest.prefix(33))
            return tail.firstMatch(of: /^#?[A-Za-z0-9]{1,31};/) != nil
        default:
            return false
        }
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// A paragraph's first characters can start a block: heading, quote, list, fence, rule.
    private static func escapeBlockStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "#>+-~".contains(first), startsBlock(text) { return "\\" + text }
        if let m = text.firstMatch(of: /^(\d{1,9})([.)])(\s|$)/) {
            // "2014. A year" would be an ordered list item; escape the delimiter.
            let digits = String(m.1)
            return digits + "\\" + text.dropFirst(digits.count)
        }
        return text
    }

    private static func startsBlock(_ text: String) -> Bool {
        let first = text.first!
        switch first {
        case "#": return text.firstMatch(of: /^#{1,6}(\s|$)/) != nil
        case ">": return true
        case "+", "-": return text.count == 1 || text.dropFirst().first!.isWhitespace || isRule(text)
        case "~": return text.hasPrefix("~~~")
        default: return false
        }
    }

    private static func isRule(_ text: String) -> Bool {
        text.wholeMatch(of: /(-\s*){3,}/) != nil
    }

    /// Text for a free page: like `escape`, but bare URLs and e-mail addresses become
    /// autolinks, as a reader of the page would expect them to be clickable.
    static func escapeLinking(_ text: String) -> String {
        var out: [String] = []
        var plain: [Substring] = []
        func flush() {
            if !plain.isEmpty { out.append(escape(plain.joined(separator: " "))) }
            plain = []
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if let link = autolink(word) {
                flush()
                out.append(link)
            } else {
                plain.append(word)
            }
        }
        flush()
        return out.joined(separator: " ")
    }

    private static func autolink(_ word: Substring) -> String? {
        var core = word
        var trailing = ""
        while let last = core.last, ".,;:!?)”’\"'".contains(last) {
            trailing = String(last) + trailing
            core.removeLast()
        }
        let isURL = core.wholeMatch(of: /(?i:https?):\/\/[^\s<>`]+/) != nil
        let isEmail = core.wholeMatch(of: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/) != nil
        guard isURL || isEmail else { return nil }
        return "<\(core)>" + trailing
    }
}
