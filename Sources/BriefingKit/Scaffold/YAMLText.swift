/// YAML scalars for the front matter Briefing writes (`import`, `new`, `init`). A value
/// is written plain only when a YAML reader cannot take it for anything but the same
/// string; otherwise it is double-quoted with escapes. ("Call #41" unquoted would lose
/// "#41" as a comment.)
public enum YAMLText {
    public static func scalar(_ value: String) -> String {
        isPlainSafe(value) ? value : quoted(value)
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for s in value.unicodeScalars {
            switch s {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{85}": out += "\\N"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if isPrintable(s) {
                    out.unicodeScalars.append(s)
                } else {
                    out += s.value <= 0xFF ? "\\x" + hex(s.value, width: 2) : "\\u" + hex(s.value, width: 4)
                }
            }
        }
        return out + "\""
    }

    /// `key: |` followed by the text indented; one line per line of text.
    static func block(key: String, _ text: String, indent: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let safe = !text.isEmpty && !text.hasPrefix(" ") && !text.hasSuffix(" ")
            && text.unicodeScalars.allSatisfy { $0 == "\n" || isPrintable($0) }
            && lines.allSatisfy { !$0.isEmpty && !$0.hasSuffix(" ") }
        guard safe else { return "\(indent)\(key): \(quoted(text))\n" }
        return "\(indent)\(key): |\n" + lines.map { "\(indent)  \($0)\n" }.joined()
    }

    private static let reservedWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ]

    static func isPlainSafe(_ value: String) -> Bool {
        guard let first = value.first, let last = value.last else { return false }
        if first.isWhitespace || last.isWhitespace || last == ":" { return false }
        // Indicators, and anything a resolver could read as a number, date or null.
        if "-?:,[]{}#&*!|>'\"%@`~+.0123456789".contains(first) { return false }
        if value.contains(": ") || value.contains(" #") { return false }
        if reservedWords.contains(value.lowercased()) { return false }
        return value.unicodeScalars.allSatisfy { isPrintable($0) && $0 != "\u{FEFF}" }
    }

    private static func isPrintable(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
            return s.value != 0x2028 && s.value != 0x2029 && s.value != 0xFEFF
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The lines of a literal block scalar (`|`): trimmed, never empty, tabs kept.
    static func blockLines(_ text: String) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = (trimmed.isEmpty ? ContentScaffolds.questionPlaceholder : trimmed)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.hasSuffix("\r") ? line.dropLast() : line) }
        return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    }
}
