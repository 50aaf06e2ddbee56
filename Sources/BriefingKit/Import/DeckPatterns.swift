import Foundation

/// The line shapes a briefing deck is made of. Each recogniser looks at one trimmed
/// line; deciding what the line means in context is the parser's job.
enum DeckPatterns {
    struct TeamHeader: Equatable {
        var title: String
        var name: String
    }

    /// "SSR1 CTO Briefing", "SSR1 Operations and Finance Briefing", "CCT Legal Briefing".
    /// The first word is the review's short name: capitals and digits, as review teams
    /// name themselves; the team's name is at most six words.
    static func teamHeader(_ line: String) -> TeamHeader? {
        guard let m = line.wholeMatch(of: /([A-Z][A-Z0-9-]+) +(\S.{0,60}?) +(?i:briefing)/) else { return nil }
        let name = String(m.2)
        guard name.split(separator: " ").count <= 6, !name.hasSuffix(":") else { return nil }
        return TeamHeader(title: "\(m.1) \(name) Briefing", name: name)
    }

    /// "Rec" or "Recommendation" alone: the number follows on the next line.
    static func isBareRecLabel(_ line: String) -> Bool {
        line.wholeMatch(of: /(?:Rec|REC|Recommendation|RECOMMENDATION)\.?:?/) != nil
    }

    /// "Rec 4", "Rec. 4:", "Recommendation 101 – text".
    static func recLabel(_ line: String) -> (number: Int, rest: String)? {
        guard let m = line.wholeMatch(of: /(?:Rec|REC|Recommendation|RECOMMENDATION)\.?\s*(\d{1,5})\s*[:.–—-]?\s*(.*)/),
              let n = Int(m.1), n > 0 else { return nil }
        return (n, String(m.2))
    }

    /// "4.2 Q: text" (also "4.2 Q. text", "4.2Q: text").
    static func question(_ line: String) -> (number: Int, sub: Int, text: String)? {
        guard let m = line.wholeMatch(of: /(\d{1,5})\.(\d{1,4})\s*Q\s*[:.]\s*(.*)/),
              let n = Int(m.1), let sub = Int(m.2), n > 0, sub > 0 else { return nil }
        return (n, sub, String(m.3))
    }

    /// "19 Q: text": a question without its sub-number.
    static func unnumberedQuestion(_ line: String) -> (number: Int, text: String)? {
        guard let m = line.wholeMatch(of: /(\d{1,5})\s+Q\s*:\s*(.*)/), let n = Int(m.1), n > 0 else { return nil }
        return (n, String(m.2))
    }

    /// "Q: text": a question with no number at all.
    static func anonymousQuestion(_ line: String) -> String? {
        guard let m = line.wholeMatch(of: /Q\s*:\s*(.*)/) else { return nil }
        return String(m.1)
    }

    /// "13 ICANN should …": a recommendation without its "Rec" label. Only the
    /// parser knows whether the line opens a paragraph, which this also requires.
    static func bareRecommendation(_ line: String) -> (number: Int, text: String)? {
        guard let m = line.wholeMatch(of: /(\d{1,5})\s+(\p{Lu}.*)/), let n = Int(m.1), n > 0 else { return nil }
        return (n, String(m.2))
    }

    enum AgendaHeading: Equatable {
        case plain
        /// "Agenda: Plenary Call #41" or "Plenary Call #41 – Agenda".
        case titled(String)
    }

    static func agendaHeading(_ line: String) -> AgendaHeading? {
        if line.wholeMatch(of: /(?i:agenda):?/) != nil { return .plain }
        if let m = line.wholeMatch(of: /(?i:agenda)\s*[:–—-]\s*(.+)/) { return .titled(String(m.1)) }
        if let m = line.wholeMatch(of: /(.+?)\s*[:–—-]\s*(?i:agenda)/) { return .titled(String(m.1)) }
        return nil
    }

    static func isOverviewHeading(_ line: String) -> Bool {
        line.wholeMatch(of: /(?i:overview):?/) != nil
    }

    /// "1. Welcome, rollcall", "2) Finalize ToR".
    static func agendaItem(_ line: String) -> (number: Int, text: String)? {
        guard let m = line.wholeMatch(of: /(\d{1,3})[.)]\s+(.+)/), let n = Int(m.1) else { return nil }
        return (n, String(m.2))
    }

    /// "a. Staff to provide update", "b) …", "(c) …".
    static func agendaSubItem(_ line: String) -> (letter: String, text: String)? {
        if let m = line.wholeMatch(of: /([a-z])[.)]\s+(.+)/) { return (String(m.1), String(m.2)) }
        if let m = line.wholeMatch(of: /\(([a-z])\)\s+(.+)/) { return (String(m.1), String(m.2)) }
        return nil
    }

    /// "SSR2 Review Team Plenary Call #41" → 41.
    static func meetingNumber(in title: String) -> Int? {
        if let m = title.firstMatch(of: /#\s*(\d{1,5})/) { return Int(m.1) }
        if let m = title.firstMatch(of: /(?i:call|meeting|session|no\.?)\s+(\d{1,5})\b/) { return Int(m.1) }
        return nil
    }

    /// "Plenary Call #41" → `plenary-41`; "Leadership Meeting #3" → `leadership-3`.
    static func meetingSlug(from title: String) -> String? {
        guard let m = title.firstMatch(of: /([A-Za-z]+)(?:\s+(?i:call|meeting|session))?\s*#\s*(\d{1,5})/) else {
            return nil
        }
        let kind = String(m.1).lowercased()
        let stem = ["call", "meeting", "session"].contains(kind) ? "meeting" : kind
        return DeckSlug.make(from: "\(stem)-\(m.2)")
    }

    /// The audio-etiquette slide every call deck opens with.
    static func looksLikeCallEtiquette(_ text: String) -> Bool {
        let t = text.lowercased()
        return t.contains("mute") && ["audio", "telephone", "dial", "phone"].contains { t.contains($0) }
    }

    static func startsLowercase(_ text: String) -> Bool {
        text.first.map { $0.isLowercase } ?? false
    }

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last else { return true }
        return ".!?:;”’\")".contains(last)
    }
}

/// File-name stems: lower-case ASCII letters and digits, runs of anything else → "-".
enum DeckSlug {
    static func make(from text: String, maxLength: Int = 60) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        var pendingDash = false
        for s in folded.unicodeScalars {
            if ("a"..."z").contains(s) || ("0"..."9").contains(s) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(s)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        if slug.count > maxLength {
            let cut = slug.prefix(maxLength)
            slug = String(cut.contains("-") ? cut[..<cut.lastIndex(of: "-")!] : cut)
        }
        return slug
    }

    static func isValid(_ slug: String) -> Bool {
        slug.wholeMatch(of: /[a-z0-9][a-z0-9-]*/) != nil
    }
}
