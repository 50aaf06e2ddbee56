/// `briefing init DIR`: the smallest site that shows every kind of content and
/// builds without an error or a warning, for a review team starting its own.
public enum SiteScaffold {
    public struct Settings: Sendable {
        public var title: String
        public var review: String
        /// The first meeting's date (ISO); nil leaves it out.
        public var date: String?

        public init(title: String = "Briefing Materials", review: String = "Review", date: String? = nil) {
            self.title = title
            self.review = review
            self.date = date
        }
    }

    public static func files(_ s: Settings) -> [ScaffoldChange] {
        [
            .create(path: "briefing.yml", text: config(s)),
            .create(path: "content/briefings/example.md", text: briefing),
            .create(path: "content/recommendations/1.md", text: recommendation),
            .create(path: "content/meetings/first-meeting.md", text: meeting(s)),
            .create(path: "content/pages/index.md", text: index(s)),
        ]
    }

    static func config(_ s: Settings) -> String {
        """
        title: \(YAMLText.scalar(s.title))
        # Where the site is published. `briefing build --base-url URL` overrides it (CI does).
        base_url: https://example.org/
        review: \(YAMLText.scalar(s.review))
        language: en
        description: \(YAMLText.scalar("Questions the \(s.review) review team has asked the briefing teams, and their answers."))

        """
    }

    static let briefing = """
        ---
        title: Example Briefing
        team: Example
        order: 1
        meeting: first-meeting
        ---
        What this briefing team covers and who presents it. Name the file after the team,
        such as `cto.md`: the file name is the team's slug, used by `briefing: cto` in recommendations.

        """

    static let recommendation = """
        ---
        number: 1
        title: An example recommendation
        briefing: example
        implementation: unknown
        questions:
          - id: "1.1"
            text: |
              What has been done to implement this recommendation, and how is its effect measured?
            status: open
            asked: first-meeting
        ---
        The full text of the recommendation. Questions live in the front matter above;
        `briefing new question 1` adds the next one.

        """

    static func meeting(_ s: Settings) -> String {
        var front = ["---", "title: First meeting", "number: 1"]
        if let date = s.date { front.append("date: \(date)") }
        front += [
            "action_items:",
            "  - id: \"1-1\"",
            "    text: Send the questions on [[1]] to the [[example]] briefing team",
            "    owner: Review team",
            "    status: open",
            "---",
            "## Agenda",
            "",
            "1. Welcome, roll call",
            "2. Questions for the example briefing team",
            "3. AOB",
            "",
        ]
        return front.joined(separator: "\n")
    }

    static func index(_ s: Settings) -> String {
        """
        ---
        title: Overview
        ---
        This site holds the questions the \(s.review) review team has asked the briefing teams, and their answers.

        """
    }
}
