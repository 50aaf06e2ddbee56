/// Markdown as written in a source file, with where it starts so that cmark's
/// positions (relative to the snippet) can be mapped back to the file.
public struct MarkdownText: Hashable, Sendable {
    public var text: String
    /// File position of the snippet's first character.
    public var origin: SourceLocation
    /// Columns to add to positions on the snippet's second and later lines
    /// (the indentation of a YAML block scalar; 0 for a body).
    public var indent: Int

    public init(_ text: String, origin: SourceLocation, indent: Int = 0) {
        self.text = text
        self.origin = origin
        self.indent = indent
    }

    /// Maps a 1-based line/column inside the snippet to the source file.
    public func location(line: Int, column: Int) -> SourceLocation {
        if line <= 1 {
            return SourceLocation(path: origin.path, line: origin.line, column: origin.column + column - 1)
        }
        return SourceLocation(path: origin.path, line: origin.line + line - 1, column: indent + column)
    }
}

public struct Link: Hashable, Sendable {
    public var title: String
    public var url: String
    public var location: SourceLocation
}

public enum QuestionStatus: String, Sendable, CaseIterable {
    case open, answered, withdrawn
}

public enum Implementation: String, Sendable, CaseIterable {
    case complete, partial, notStarted = "not-started", unknown
}

public enum ActionStatus: String, Sendable, CaseIterable {
    case open, done
}

/// An ISO calendar date kept as written (`2017-09-07`); sorting the string sorts the dates.
public struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let iso: String
    /// `YYYY-MM-DD` in ASCII digits, a day the calendar has. Read on bytes: splitting into
    /// Substrings and counting Characters took `Int`'s signs too (`+123-01-01`).
    public init?(_ s: String) {
        guard s.utf8.count == 10 else { return nil }
        var y = 0, m = 0, d = 0
        for (i, c) in s.utf8.enumerated() {
            if i == 4 || i == 7 {
                guard c == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) else { return nil }
            let digit = Int(c - UInt8(ascii: "0"))
            switch i {
            case ..<4: y = y * 10 + digit
            case ..<7: m = m * 10 + digit
            default: d = d * 10 + digit
            }
        }
        guard y >= 1, (1...12).contains(m), (1...Day.daysIn(month: m, year: y)).contains(d) else { return nil }
        iso = s
    }
    public var description: String { iso }
    public static func < (a: Day, b: Day) -> Bool { a.iso < b.iso }

    private static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Copied into every page, export and check that lists it: its fields sit behind one
/// reference (`CopyOnWrite`).
public struct Question: Hashable, Sendable {
    struct Fields: Hashable, Sendable {
        var id: String
        var text: MarkdownText
        var status: QuestionStatus
        var asked: String?
        var answer: MarkdownText?
        var answered: Day?
        var location: SourceLocation
        var askedLocation: SourceLocation?
    }

    private var fields: CopyOnWrite<Fields>

    public init(id: String, text: MarkdownText, status: QuestionStatus, asked: String?, answer: MarkdownText?,
                answered: Day?, location: SourceLocation, askedLocation: SourceLocation? = nil) {
        fields = CopyOnWrite(Fields(id: id, text: text, status: status, asked: asked, answer: answer, answered: answered,
                                    location: location, askedLocation: askedLocation))
    }

    public var id: String { get { fields.value.id } set { fields.value.id = newValue } }
    public var text: MarkdownText { get { fields.value.text } set { fields.value.text = newValue } }
    public var status: QuestionStatus { get { fields.value.status } set { fields.value.status = newValue } }
    public var asked: String? { get { fields.value.asked } set { fields.value.asked = newValue } }
    public var answer: MarkdownText? { get { fields.value.answer } set { fields.value.answer = newValue } }
    public var answered: Day? { get { fields.value.answered } set { fields.value.answered = newValue } }
    public var location: SourceLocation { get { fields.value.location } set { fields.value.location = newValue } }
    /// Where `asked:` is written, for its diagnostics.
    public var askedLocation: SourceLocation? { get { fields.value.askedLocation } set { fields.value.askedLocation = newValue } }
}

/// Copied into every page that shows one of its questions: its fields sit behind one
/// reference (`CopyOnWrite`).
public struct Recommendation: Hashable, Sendable {
    struct Fields: Hashable, Sendable {
        var number: Int
        var numberLocation: SourceLocation
        var title: String
        var briefing: String
        var briefingLocation: SourceLocation
        var focusArea: String?
        var implementation: Implementation?
        var questions: [Question]
        var body: MarkdownText
        var path: String
    }

    private var fields: CopyOnWrite<Fields>

    public init(number: Int, numberLocation: SourceLocation, title: String, briefing: String, briefingLocation: SourceLocation,
                focusArea: String?, implementation: Implementation?, questions: [Question], body: MarkdownText, path: String) {
        fields = CopyOnWrite(Fields(number: number, numberLocation: numberLocation, title: title, briefing: briefing,
                                    briefingLocation: briefingLocation, focusArea: focusArea, implementation: implementation,
                                    questions: questions, body: body, path: path))
    }

    public var number: Int { get { fields.value.number } set { fields.value.number = newValue } }
    public var numberLocation: SourceLocation { get { fields.value.numberLocation } set { fields.value.numberLocation = newValue } }
    public var title: String { get { fields.value.title } set { fields.value.title = newValue } }
    public var briefing: String { get { fields.value.briefing } set { fields.value.briefing = newValue } }
    public var briefingLocation: SourceLocation { get { fields.value.briefingLocation } set { fields.value.briefingLocation = newValue } }
    public var focusArea: String? { get { fields.value.focusArea } set { fields.value.focusArea = newValue } }
    public var implementation: Implementation? { get { fields.value.implementation } set { fields.value.implementation = newValue } }
    public var questions: [Question] { get { fields.value.questions } set { fields.value.questions = newValue } }
    public var body: MarkdownText { get { fields.value.body } set { fields.value.body = newValue } }
    public var path: String { get { fields.value.path } set { fields.value.path = newValue } }
}

public struct Briefing: Hashable, Sendable {
    public var slug: String
    public var title: String
    public var team: String
    public var date: Day?
    public var meeting: String?
    public var meetingLocation: SourceLocation?
    public var order: Int?
    public var materials: [Link]
    public var body: MarkdownText
    public var path: String
}

public struct ActionItem: Hashable, Sendable {
    public var id: String
    public var text: MarkdownText
    public var owner: String?
    public var due: Day?
    public var status: ActionStatus
    public var location: SourceLocation
}

public struct Meeting: Hashable, Sendable {
    public var slug: String
    public var title: String
    public var number: Int?
    public var date: Day?
    public var attendees: [String]
    public var apologies: [String]
    public var materials: [Link]
    public var decisions: [MarkdownText]
    public var actionItems: [ActionItem]
    public var body: MarkdownText
    public var path: String
}

public struct Page: Hashable, Sendable {
    public var slug: String
    public var title: String
    public var body: MarkdownText
    public var path: String
}

/// `briefing.yml`.
public struct SiteConfig: Hashable, Sendable {
    public var title = "Briefing Materials"
    public var baseURL = ""
    public var review = ""
    public var language = "en"
    public var description = ""
    /// Pass raw HTML in Markdown through (off: cmark's safe mode drops it).
    public var unsafeHTML = false
    /// Links end in `/` instead of `/index.html`: for sites served over HTTP only.
    public var prettyLinks = false
    /// How many of the newest entries `feed.xml` carries; 0 for all of them.
    public var feedLimit = SiteConfig.defaultFeedLimit
    /// A feed is polled again and again by readers that only want what is new;
    /// the full record is in the pages and in questions.json.
    public static let defaultFeedLimit = 100
    public init() {}

    /// What `url` must be to serve as the site's address, or nil when it can (empty: none). It
    /// goes into every canonical link, the sitemap and the feed, so an absolute http(s)
    /// URL with a host and nothing a link would break on (spaces, controls).
    public static func baseURLProblem(_ url: String) -> String? {
        if url.isEmpty { return nil }
        let rest: Substring
        if url.hasPrefix("https://") { rest = url.dropFirst(8) } else if url.hasPrefix("http://") { rest = url.dropFirst(7) } else {
            return "must be an absolute http(s) URL"
        }
        if rest.isEmpty || rest.hasPrefix("/") { return "must name a host" }
        if url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return "must not contain spaces or control characters"
        }
        return nil
    }
}

/// Everything the Load stage read: plain values, no HTML yet.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    public var recommendations: [Recommendation]
    public var briefings: [Briefing]
    public var meetings: [Meeting]
    public var pages: [Page]

    public init(config: SiteConfig, recommendations: [Recommendation] = [], briefings: [Briefing] = [],
                meetings: [Meeting] = [], pages: [Page] = []) {
        self.config = config
        self.recommendations = recommendations
        self.briefings = briefings
        self.meetings = meetings
        self.pages = pages
    }
}
