import Foundation
import Testing
@testable import BriefingKit

/// The other half of the importer's proof: what it writes from the seed builds.
@Suite struct ImportBuildsTests {
    @Test func theImportedSeedBuilds() throws {
        let deck = Repository.root.appendingPathComponent("Tests/BriefingKitTests/Fixtures/decks/ssr2-plenary-41-slides.txt")
        let site = try TempSite(["briefing.yml": "title: Imported\n"])
        defer { site.cleanUp() }
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("content"), withIntermediateDirectories: true)
        let report = try DeckImporter.run(deckAt: deck, options: ImportOptions(siteDirectory: site.root))
        #expect(report.deck.questions.count == 82)
        let result = site.build()
        #expect(result.succeeded, "\(result.errorLines)")
        #expect(site.exists("recommendations/11/index.html"))
        #expect(site.read("recommendations/11/index.html")?.contains(#"id="q11.16""#) == true)
    }

    /// A deck's own "[[" is written escaped, and the build shows it as the deck has it
    /// instead of reading it as a cross-reference.
    @Test func bracketsInADeckBuildAsText() throws {
        let deck = Repository.root.appendingPathComponent("Tests/BriefingKitTests/Fixtures/decks/ssr1-legal-no-agenda.txt")
        let site = try TempSite(["briefing.yml": "title: Imported\n"])
        defer { site.cleanUp() }
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("content"), withIntermediateDirectories: true)
        _ = try DeckImporter.run(deckAt: deck, options: ImportOptions(siteDirectory: site.root))
        let result = site.build()
        #expect(result.succeeded, "\(result.errorLines)")
        #expect(site.read("recommendations/103/index.html")?.contains("Is [[Rec 11]] the model for this?") == true)
    }
}
