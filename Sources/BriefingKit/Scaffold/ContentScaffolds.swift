import Foundation

/// The texts of new content files and entries, as the content format describes them.
/// Pure: values in, text out; the site is read and written elsewhere.
public enum ContentScaffolds {
    public static func recommendation(number: Int, title: String, briefing: String) -> String {
        """
        ---
        number: \(number)
        title: \(YAMLText.scalar(title))
        briefing: \(briefing)
        implementation: unknown
        ---
        The full text of recommendation \(number), as the report words it.

        """
    }

    public static func meeting(title: String, number: Int, date: String?) -> String {
        var lines = ["---", "title: \(YAMLText.scalar(title))", "number: \(number)"]
        if let date { lines.append("date: \(date)") }
        lines += [
            "attendees: []",
            "action_items: []",
            "---",
            "## Agenda",
            "",
            "1. Welcome, roll call",
            "2. AOB",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// A question entry for a `questions:` block list. `dash` is the column of its `-`.
    public static func questionEntry(id: String, text: String, asked: String?, dash: Int) -> [String] {
        let pad = String(repeating: " ", count: dash)
        var lines = [
            "\(pad)- id: \"\(id)\"",
            "\(pad)  text: |",
        ]
        lines += YAMLText.blockLines(text).map { $0.isEmpty ? "" : "\(pad)    \($0)" }
        lines.append("\(pad)  status: open")
        if let asked { lines.append("\(pad)  asked: \(asked)") }
        return lines
    }

    public static let questionPlaceholder = "The question, as the review team asks it."

    /// "plenary-42" → "Plenary 42".
    public static func title(fromSlug slug: String) -> String {
        slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

/// Writing user text into YAML so that it reads back as written.
public enum YAMLText {
    /// Plain when that is unambiguous, else double-quoted with escapes.
    public static func scalar(_ s: String) -> String {
        if isPlainSafe(s) { return s }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static let reservedWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]

    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        guard first.properties.isAlphabetic, last != " " else { return false }
        guard !reservedWords.contains(s.lowercased()), !s.contains(": "), !s.contains(" #") else { return false }
        return s.unicodeScalars.allSatisfy { c in
            c.properties.isAlphabetic || ("0"..."9").contains(c) || " ,.()'/&+-?!;".unicodeScalars.contains(c)
                || (c.value >= 0x80 && !c.properties.isWhitespace)
        }
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
