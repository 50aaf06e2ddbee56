/// What a briefing slide deck says, as plain values: the parser's output and the
/// renderer's input. Texts are plain (already joined and mended, not yet escaped for
/// Markdown), so tests can compare them with the deck directly.
public struct Deck: Equatable, Sendable {
    /// Briefing teams in the order their headers first appear.
    public var teams: [DeckTeam] = []
    /// The meeting whose agenda slide is in the deck, if there is one.
    public var meeting: DeckMeeting?
    /// The "Overview" slide: the site's home-page introduction.
    public var overview: DeckSlide?
    /// Other slides with text of their own (call etiquette and the like).
    public var slides: [DeckSlide] = []

    public init() {}

    public var recommendations: [DeckRecommendation] { teams.flatMap(\.recommendations) }
    public var questions: [DeckQuestion] { recommendations.flatMap(\.questions) }

    /// The deck has something the importer can turn into content, beyond free text.
    public var hasStructure: Bool { !teams.isEmpty || meeting != nil }
}

/// A briefing team, from headers such as "SSR1 CTO Briefing".
public struct DeckTeam: Equatable, Sendable {
    /// The whole header, e.g. "SSR1 Operations and Finance Briefing".
    public var title: String
    /// The team's short name, e.g. "Operations and Finance".
    public var name: String
    /// File name stem under `content/briefings/`, e.g. `operations-and-finance`.
    public var slug: String
    /// Source line of the first header.
    public var line: Int
    /// Text between the header and the first recommendation, if any.
    public var description: [String] = []
    public var recommendations: [DeckRecommendation] = []

    public init(title: String, name: String, slug: String, line: Int) {
        self.title = title
        self.name = name
        self.slug = slug
        self.line = line
    }
}

public struct DeckRecommendation: Equatable, Sendable {
    public var number: Int
    /// A short title. The deck has none, so this is proposed from the text.
    public var title: String = ""
    /// The recommendation's full text, one string per paragraph.
    public var paragraphs: [String] = []
    public var questions: [DeckQuestion] = []
    /// Source line of the label ("Rec 4") or of the first question that implied it.
    public var line: Int
    /// True when only a question ("4.1 Q:") vouches for this recommendation so far.
    var impliedByQuestion = false

    public init(number: Int, line: Int) {
        self.number = number
        self.line = line
    }

    public var text: String { paragraphs.joined(separator: "\n\n") }
}

public struct DeckQuestion: Equatable, Sendable {
    /// "N.M", always a string: "11.10" is not the number 11.1.
    public var id: String
    public var text: String
    public var line: Int
    /// How the deck labelled the question when that differs from `id` (e.g. "19 Q:").
    public var deckLabel: String?
    /// The id this question repeats, when the deck numbers two questions alike.
    var repeatOf: String?

    public init(id: String, text: String, line: Int, deckLabel: String? = nil) {
        self.id = id
        self.text = text
        self.line = line
        self.deckLabel = deckLabel
    }
}

/// A meeting, from the agenda slide.
public struct DeckMeeting: Equatable, Sendable {
    /// e.g. "SSR2 Review Team Plenary Call #41"; empty when the slide names none.
    public var title: String
    public var number: Int?
    /// File name stem under `content/meetings/`, e.g. `plenary-41`.
    public var slug: String
    public var line: Int
    public var agenda: [DeckAgendaItem] = []
    /// Paragraphs after the agenda list on the same slide.
    public var notes: [String] = []

    public init(title: String, number: Int?, slug: String, line: Int) {
        self.title = title
        self.number = number
        self.slug = slug
        self.line = line
    }
}

public struct DeckAgendaItem: Equatable, Sendable {
    public var number: Int
    public var text: String
    /// Lettered sub-items, e.g. ("a", "Staff to provide update on Barcelona").
    public var subItems: [DeckAgendaSubItem] = []

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

public struct DeckAgendaSubItem: Equatable, Sendable {
    public var letter: String
    public var text: String

    public init(letter: String, text: String) {
        self.letter = letter
        self.text = text
    }
}

/// A slide that is neither agenda nor briefing: a free page.
public struct DeckSlide: Equatable, Sendable {
    public var title: String
    /// File name stem under `content/pages/`.
    public var slug: String
    public var paragraphs: [String]
    public var line: Int

    public init(title: String, slug: String, paragraphs: [String], line: Int) {
        self.title = title
        self.slug = slug
        self.paragraphs = paragraphs
        self.line = line
    }
}

/// A guess the importer made, tied to the deck line that prompted it.
public struct ImportWarning: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
