import Foundation
import Testing
@testable import BriefingKit

@Suite struct ImportRenderingTests {
    @Test(arguments: [
        "Measures of success", "SSR2 Review Team Plenary Call #41", "Rec 4: the remit",
        "“Quoted” and ‘quoted’ – dashes", "yes", "No", "null", "11.10", "2014 framework",
        "- leading dash", "ends with colon:", "say \"hi\" \\ back", "# hash", "[brackets]", "tab\there",
        "@mention", "~", "a: b", "Café déjà vu",
    ])
    func yamlScalarsReadBackAsTheSameString(_ value: String) throws {
        let map = try ImportedFrontMatter.load("---\ntitle: \(YAMLText.scalar(value))\n---\n")
        #expect(map["title"] as? String == value)
    }

    @Test func yamlPlainOnlyWhenSafe() {
        #expect(YAMLText.scalar("SSR1 CTO Briefing") == "SSR1 CTO Briefing")
        #expect(YAMLText.scalar("Plenary Call #41") == "\"Plenary Call #41\"")
        #expect(YAMLText.scalar("For Best Audio: Join") == "\"For Best Audio: Join\"")
        #expect(YAMLText.quoted("a\"b\\c\u{1}") == "\"a\\\"b\\\\c\\x01\"")
    }

    @Test func questionIdsStayStrings() throws {
        var deck = Deck()
        var team = DeckTeam(title: "SSR1 GDD Briefing", name: "GDD", slug: "gdd", line: 1)
        var rec = DeckRecommendation(number: 11, line: 2)
        rec.title = "Measures: of success #1"
        rec.paragraphs = ["Text."]
        rec.questions = [DeckQuestion(id: "11.10", text: "Ten?", line: 3), DeckQuestion(id: "11.1", text: "", line: 4)]
        team.recommendations = [rec]
        deck.teams = [team]
        let file = DeckContentRenderer.recommendation(rec, team: team, meetingSlug: nil)
        let map = try ImportedFrontMatter.load(file.text)
        let questions = try #require(map["questions"] as? [[String: Any]])
        #expect(questions.map { $0["id"] as? String } == ["11.10", "11.1"])
        #expect(questions.map { $0["text"] as? String } == ["Ten?\n", ""])
        #expect(map["title"] as? String == "Measures: of success #1")
        try ImportedFrontMatter.verify(file, deck: deck)
    }

    @Test(arguments: [
        ("plain text, with ’quotes’ – and 1.13", "plain text, with ’quotes’ – and 1.13"),
        ("# not a heading", "\\# not a heading"),
        ("#hashtag", "#hashtag"),
        ("> not a quote", "\\> not a quote"),
        ("- not a list", "\\- not a list"),
        ("2014. A year", "2014\\. A year"),
        ("*6 to mute and *6 to unmute", "\\*6 to mute and \\*6 to unmute"),
        ("a * b", "a * b"),
        ("snake_case_name and _emph_", "snake_case_name and \\_emph\\_"),
        ("<em>x</em> a < b", "\\<em>x\\</em> a < b"),
        ("see [[11]] and [x](y)", "see \\[\\[11]] and \\[x](y)"),
        ("`code`", "\\`code\\`"),
        ("AT&T &amp; co", "AT&T \\&amp; co"),
        ("C:\\path \\* x", "C:\\path \\\\\\* x"),
    ])
    func markdownEscapesOnlyMarkup(_ input: String, _ expected: String) {
        #expect(DeckMarkdown.escape(input) == expected)
    }

    @Test func pagesLinkURLsAndAddresses() {
        #expect(DeckMarkdown.escapeLinking("wiki here: https://community.icann.org/x/zgRpBQ.")
            == "wiki here: <https://community.icann.org/x/zgRpBQ>.")
        #expect(DeckMarkdown.escapeLinking("email: mssi-secretariat@icann.org") == "email: <mssi-secretariat@icann.org>")
    }

    @Test func titlesAreProposedFromTheFirstWords() {
        #expect(DeckNaming.proposeTitle(from: "ICANN should act. Then more.") == "ICANN should act")
        #expect(DeckNaming.proposeTitle(from: "ICANN should ensure that its SSR-related outreach activities continuously evolve.")
            == "ICANN should ensure that its SSR-related outreach activities…")
    }

    @Test func slugs() {
        #expect(DeckSlug.make(from: "Operations and Finance") == "operations-and-finance")
        #expect(DeckSlug.make(from: "Sécurité & Légal") == "securite-legal")
        #expect(DeckPatterns.meetingSlug(from: "SSR2 Review Team Plenary Call #41") == "plenary-41")
        #expect(DeckPatterns.meetingSlug(from: "Call #5") == "meeting-5")
    }
}
