import Foundation
import Testing
@testable import BriefingKit

/// The Plenary Call #41 deck imported into an empty site gives the same recommendations,
/// questions and teams as the hand-transcribed `content/` (docs/seed-conventions.md).
@Suite struct SeedImportTests {
    static let teamOrder = ["cto", "operations-and-finance", "compliance", "risk-management", "gdd", "policy", "comms"]

    @Test func seedImportsIntoAnEmptySite() throws {
        let site = try ImportFixtures.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let report = try DeckImporter.run(deckAt: ImportFixtures.seed, options: ImportOptions(siteDirectory: site))

        #expect(report.deck.teams.map(\.slug) == Self.teamOrder)
        #expect(report.deck.recommendations.count == 22)
        #expect(report.deck.questions.count == 82)
        #expect(report.meetingSlug == "plenary-41")
        #expect(report.summary == "7 teams, 22 recommendations, 82 questions, meeting plenary-41, 2 pages")
        #expect(report.written.count == 7 + 22 + 1 + 2)
        #expect(report.written.allSatisfy { $0.hasPrefix("content/") })

        let imported = try #require(ContentScan.recommendations(in: site))
        #expect(imported.keys.sorted() == [1, 2, 3, 4, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 22, 23, 25, 27])
        #expect(imported[11]?.questions.map(\.id) == (1...16).map { "11.\($0)" })
        #expect(imported[19]?.questions.map(\.id) == ["19.1"])
        #expect(imported[13]?.briefing == "policy")
        #expect(imported[3]?.briefing == "comms")
        #expect(imported[6]?.questions.first?.text
            == "What is the status of the document currently available at: https://www.icann.org/en/system/files/files/draftrssac-ssac-roles-responsibilities-05mar15-en.pdf?")
        #expect(imported[25]?.questions[2].text.contains("https://features.icann.org/dns-risk-management-framework-report-and-implementation?language=fr,") == true)
        #expect(imported[13]?.questions[1].text.contains("example of SSRrelated information") == true)
        #expect(imported[2]?.body.hasPrefix("ICANN’s definition and implementation") == true)

        let files = ImportFixtures.tree(site)
        let meeting = try #require(files["content/meetings/plenary-41.md"])
        #expect(meeting.hasPrefix("---\ntitle: \"SSR2 Review Team Plenary Call #41\"\nnumber: 41\n---\n## Agenda\n\n1. Welcome, rollcall\n   - (a) Staff to provide update on Barcelona\n2. Finalize ToR and scope\n"))
        #expect(meeting.contains("6. SSR1 recommendations - staff to provide update from leadership discussion 28 August (if time permits)\n7. AOB\n"))
        #expect(files["content/pages/index.md"]?.hasPrefix("---\ntitle: Overview\n---\nThe following slides contain") == true)
        #expect(files["content/pages/call-etiquette.md"]?.contains("\\*6 to mute and \\*6 to unmute") == true)
        #expect(files["content/recommendations/19.md"]?.contains("  # The deck numbers this question \"19 Q:\" without a sub-number.\n  - id: \"19.1\"\n") == true)
    }

    @Test func everyGuessIsAWarningWithItsLine() throws {
        let result = try DeckImporter.convert(Data(contentsOf: ImportFixtures.seed), path: "seed.txt")
        let byLine = Dictionary(grouping: result.warnings, by: \.line)
        #expect(byLine[155]?.contains { $0.message.contains("'19 Q:' has no sub-number; numbered it 19.1") } == true)
        #expect(byLine[452]?.contains { $0.message.contains("as recommendation 13") } == true)
        #expect(byLine[475]?.contains { $0.message.contains("as recommendation 3") } == true)
        #expect(byLine[40]?.contains { $0.message.contains("SSR2 Review Team Plenary Call #41") } == true)
        #expect(byLine[444]?.contains { $0.message.contains("mended a URL") } == true)
        #expect(byLine[308]?.contains { $0.message.contains("mended a URL") } == true)
        #expect(result.warnings.filter { $0.message.contains("no short title") }.count == 22)
        #expect(result.warnings.map(\.line) == result.warnings.map(\.line).sorted())
    }

    /// The proof the issue asks for. The committed content is written by hand in
    /// parallel; when it is not in the tree yet there is nothing to compare with.
    @Test func seedMatchesTheCommittedContent() throws {
        guard let committed = ContentScan.recommendations(in: ImportFixtures.repoRoot),
              let committedTeams = ContentScan.briefings(in: ImportFixtures.repoRoot) else { return }
        let site = try ImportFixtures.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        _ = try DeckImporter.run(deckAt: ImportFixtures.seed, options: ImportOptions(siteDirectory: site))
        let imported = try #require(ContentScan.recommendations(in: site))
        let importedTeams = try #require(ContentScan.briefings(in: site))

        #expect(imported.keys.sorted() == committed.keys.sorted(), "recommendation numbers")
        for (number, rec) in committed.sorted(by: { $0.key < $1.key }) {
            guard let mine = imported[number] else { continue }
            #expect(mine.briefing == rec.briefing, "team of recommendation \(number)")
            #expect(mine.questions.map(\.id) == rec.questions.map(\.id), "question ids of recommendation \(number)")
            for (a, b) in zip(mine.questions, rec.questions) where a.id == b.id {
                #expect(a.text == b.text, "text of question \(a.id)")
            }
            #expect(mine.body == rec.body, "text of recommendation \(number)")
        }
        #expect(importedTeams.keys.sorted() == committedTeams.keys.sorted(), "briefing teams")
        for (slug, team) in committedTeams {
            #expect(importedTeams[slug] == team, "briefing \(slug): title, team and order")
        }
    }
}
