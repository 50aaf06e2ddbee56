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
