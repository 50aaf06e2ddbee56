import Foundation
import Testing
@testable import BriefingKit

/// What `briefing import` does to a site folder: writes only under content/, never
/// replaces a file without --force, and writes nothing at all when it stops.
@Suite struct ImportWriteTests {
    static var legal: URL { ImportFixtures.deck("ssr1-legal-no-agenda.txt") }

    @Test func writesUnderContentOnly() throws {
        let site = try ImportFixtures.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let report = try DeckImporter.run(deckAt: Self.legal, options: ImportOptions(siteDirectory: site))
        #expect(report.written == ["content/briefings/legal.md", "content/recommendations/101.md",
                                   "content/recommendations/102.md", "content/recommendations/103.md"])
        #expect(ImportFixtures.tree(site).keys.sorted() == report.written)
    }

    @Test func refusesToOverwriteAndWritesNothing() throws {
        let site = try ImportFixtures.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let folder = site.appendingPathComponent("content/recommendations")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try ImportFixtures.write("hand-written\n", to: "102.md", in: folder)

        #expect(throws: ImportError.wouldOverwrite(paths: ["content/recommendations/102.md"])) {
            try DeckImporter.run(deckAt: Self.legal, options: ImportOptions(siteDirectory: site))
        }
        #expect(ImportFixtures.tree(site) == ["content/recommendations/102.md": "hand-written\n"])

        let forced = try DeckImporter.run(deckAt: Self.legal, options: ImportOptions(siteDirectory: site, force: true))
        #expect(forced.files.first { $0.path.hasSuffix("102.md") }?.action == .overwrite)
        #expect(ImportFixtures.tree(site)["content/recommendations/102.md"]?.hasPrefix("---\nnumber: 102\n") == true)
    }

    @Test func identicalFilesNeedNoForce() throws {
        let site = try ImportFixtures.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        _ = try DeckImporter.run(deckAt: Self.legal, options: ImportOptions(siteDirectory: site))
        let again = try DeckImporter.run(deckAt: Self.legal, options: ImportOptions(siteDirectory: site))
        #expect(again.written.isEmpty)
        #expect(again.files.allSatisfy { $0.action == .unchanged })
    }

    @Test func dryRunWritesNothing() throws {
        let site = try ImportFixtures.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let report = try DeckImporter.run(deckAt: ImportFixtures.seed, options: ImportOptions(siteDirectory: site, dryRun: true))
        #expect(report.written.isEmpty)
        #expect(report.files.count == 32)
        #expect(report.files.allSatisfy { $0.action == .create })
        #expect(ImportFixtures.tree(site).isEmpty)

        let folder = site.appendingPathComponent("content/pages")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try ImportFixtures.write("mine\n", to: "index.md", in: folder)
        let blocked = try DeckImporter.run(deckAt: ImportFixtures.seed, options: ImportOptions(siteDirectory: site, dryRun: true))
        #expect(blocked.refused == ["content/pages/index.md"])
        #expect(ImportFixtures.tree(site) == ["content/pages/index.md": "mine\n"])
    }

    @Test func inputsWithoutStructureFailAndWriteNothing() throws {
        let site = try ImportFixtures.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let prose = try ImportFixtures.write("Dear all,\n\nThe minutes are attached.\n", to: "prose.txt", in: site)
        #expect(throws: ImportError.noStructure(path: prose.path)) {
            try DeckImporter.run(deckAt: prose, options: ImportOptions(siteDirectory: site))
        }
        let empty = try ImportFixtures.write("", to: "empty.txt", in: site)
        #expect(throws: ImportError.noStructure(path: empty.path)) {
            try DeckImporter.run(deckAt: empty, options: ImportOptions(siteDirectory: site))
        }
        let binary = site.appendingPathComponent("slides.pdf")
        try Data([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x0A, 0x00, 0xFF]).write(to: binary)
        #expect(throws: ImportError.notText(path: binary.path, reason: "binary data: NUL byte at offset 7")) {
            try DeckImporter.run(deckAt: binary, options: ImportOptions(siteDirectory: site))
        }
        let missing = site.appendingPathComponent("missing.txt")
        #expect(throws: ImportError.unreadable(path: missing.path, reason: "no such file")) {
            try DeckImporter.run(deckAt: missing, options: ImportOptions(siteDirectory: site))
        }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("content").path))
    }

    @Test func refusesMissingSitesAndLinksOutOfContent() throws {
        let site = try ImportFixtures.scratchSite()
        let elsewhere = try ImportFixtures.scratchSite()
        defer {
            try? FileManager.default.removeItem(at: site)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        let nowhere = site.appendingPathComponent("no-such-site")
        #expect(throws: ImportError.siteMissing(path: nowhere.path)) {
            try DeckImporter.run(deckAt: Self.legal, options: ImportOptions(siteDirectory: nowhere))
        }
        let content = site.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: content.appendingPathComponent("recommendations"), withDestinationURL: elsewhere)
        #expect(throws: ImportError.unsafeTarget(path: "content/recommendations/101.md", reason: "recommendations/ leads outside content/")) {
            try DeckImporter.run(deckAt: Self.legal, options: ImportOptions(siteDirectory: site, force: true))
        }
        #expect(ImportFixtures.tree(elsewhere).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: content.appendingPathComponent("briefings").path))

        try FileManager.default.removeItem(at: content.appendingPathComponent("recommendations"))
        _ = try ImportFixtures.write("not a folder\n", to: "recommendations", in: content)
        #expect(throws: ImportError.unsafeTarget(path: "content/recommendations/101.md", reason: "recommendations is a file, not a folder")) {
            try DeckImporter.run(deckAt: Self.legal, options: ImportOptions(siteDirectory: site, force: true))
        }
        #expect(!FileManager.default.fileExists(atPath: content.appendingPathComponent("briefings").path))
    }

    @Test func warnsWhenTheMeetingItRefersToIsNowhere() throws {
        let site = try ImportFixtures.scratchSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let report = try DeckImporter.run(deckAt: Self.legal, options: ImportOptions(siteDirectory: site, meetingSlug: "plenary-42", dryRun: true))
        #expect(report.warnings.contains { $0.line == 0 && $0.message.contains("content/meetings/plenary-42.md does not exist") })
        #expect(report.files.first { $0.path.hasSuffix("101.md") }?.text.contains("    asked: plenary-42\n") == true)
    }

    @Test func errorMessagesSayWhatToDo() {
        #expect(ImportError.wouldOverwrite(paths: ["content/pages/index.md"]).description.contains("--force"))
        #expect(ImportError.notText(path: "a.pdf", reason: "binary data").description.contains("pdftotext"))
        #expect(ImportError.invalidMeetingSlug("X").isUsageError)
        #expect(!ImportError.noStructure(path: "a").isUsageError)
    }
}
