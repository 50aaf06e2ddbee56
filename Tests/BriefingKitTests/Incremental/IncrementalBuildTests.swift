import Foundation
import Testing
@testable import BriefingKit

/// An incremental build must leave exactly what a clean build leaves. Each step
/// edits the sources, builds into the same folder as before, builds from scratch
/// into a fresh folder, and compares the two folders file by file.
@Suite struct IncrementalBuildTests {
    /// Every file below `root` but the build state, with its bytes.
    static func snapshot(_ root: URL) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for path in FileIO.walk(root.path).files where path != BuildState.fileName {
            out[path] = FileIO.read(root.appendingPathComponent(path).path) ?? []
        }
        return out
    }

    static func expectSameAsClean(_ site: TempSite, _ step: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        var options = site.options(output: clean)
        options.remembersBuilds = false
        let fresh = SiteBuilder(options).build()
        #expect(fresh.succeeded, "\(step): \(fresh.diagnostics.errors)", sourceLocation: sourceLocation)
        let a = snapshot(site.output), b = snapshot(clean)
        #expect(a.keys.sorted() == b.keys.sorted(), "\(step): file lists differ", sourceLocation: sourceLocation)
        for (path, bytes) in b where a[path] != bytes {
            Issue.record("\(step): \(path) differs from a clean build", sourceLocation: sourceLocation)
        }
    }

    @discardableResult
    static func step(_ site: TempSite, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                     _ edit: () throws -> Void) rethrows -> SiteBuilder.Result {
        try edit()
        let r = site.build()
        #expect(r.succeeded, "\(name): \(r.diagnostics.errors)", sourceLocation: sourceLocation)
        expectSameAsClean(site, name, sourceLocation: sourceLocation)
        return r
    }

    @Test func editsAdditionsDeletionsAndRenamesMatchACleanBuild() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        let first = Self.step(site, "first build") {}
        let total = try #require(first.write).written
        #expect(total == first.files.count)

        let same = Self.step(site, "no change") {}
        #expect(same.write.map { [$0.written, $0.unchanged, $0.removed] } == [0, total, 0])
        // Nothing rendered: every page kept, and the exports' fingerprints not counted as pages.
        #expect(same.write?.kept == same.pageCount)
        #expect(same.timings.map { $0.stage } == ["unchanged"])
        #expect(same.diagnostics.all.count == first.diagnostics.all.count)

        let edited = try Self.step(site, "question text edited") {
            let path = "content/recommendations/2.md"
            let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
            try site.write(path, text.replacingOccurrences(of: "Question 2.1 about", with: "Question 2.1, reworded, about"))
        }
        #expect(try #require(edited.write).written < total / 2)

        try Self.step(site, "title edited") {
            let path = "content/recommendations/3.md"
            let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
            try site.write(path, text.replacingOccurrences(of: "title: \"Recommendation 3", with: "title: \"Renamed 3"))
        }
        try Self.step(site, "recommendation added") {
            try site.write("content/recommendations/7.md", "---\nnumber: 7\ntitle: Seven\nbriefing: beta\nquestions:\n  - id: \"7.1\"\n    text: New, see [[1.1]].\n---\nSeven.\n")
        }
        let removed = try Self.step(site, "recommendation deleted") { try site.remove("content/recommendations/7.md") }
        #expect(try #require(removed.write).removed >= 1)
        try Self.step(site, "page renamed") {
            let text = try String(contentsOf: site.root.appendingPathComponent("content/pages/questions-guide.md"), encoding: .utf8)
            try site.remove("content/pages/questions-guide.md")
            try site.write("content/pages/reading-guide.md", text)
            try site.write("content/pages/index.md", "---\ntitle: Home\n---\nWelcome. Start with [[reading-guide]].\n")
        }
        try Self.step(site, "template override added") {
            try site.write("templates/footer.mustache", "<p>Custom footer for {{site.title}}</p>\n")
        }
        try Self.step(site, "template override changed") {
            try site.write("templates/footer.mustache", "<p>Another footer</p>\n")
        }
        try Self.step(site, "template override removed") { try site.remove("templates/footer.mustache") }
        try Self.step(site, "static file added") { try site.write("static/docs/notes.txt", "notes\n") }
        try Self.step(site, "static file changed") { try site.write("static/docs/notes.txt", "other notes\n") }
        // In place, the new file or folder could be written only after the old one was gone.
        try Self.step(site, "static folder turned into a file") {
            try site.remove("static/docs")
            try site.write("static/docs", "docs\n")
        }
        try Self.step(site, "static file turned into a folder") {
            try site.remove("static/docs")
            try site.write("static/docs/notes.txt", "other notes\n")
        }
        try Self.step(site, "static file deleted") { try site.remove("static/docs/notes.txt") }
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("docs").path))
        try Self.step(site, "settings changed") {
            try site.write("briefing.yml", "title: Renamed Review\nreview: SSR9\n")
        }
    }

    /// The cross-reference graph decides which pages show a file's text; the fingerprints
    /// must find exactly those, so that the rest is not rendered at all.
    @Test func anEditRendersOnlyThePagesThatShowIt() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        let first = Self.step(site, "first build") {}
        #expect(first.renderedPages.count == first.pageCount)
        let path = "content/recommendations/3.md"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)

        let body = try Self.step(site, "body edited") {
            try site.write(path, text.replacingOccurrences(of: "Body of recommendation 3,", with: "Body of recommendation 3, reworded,"))
        }
        // Rec 3 (team alpha) shows its body on its page, its team's page and both packs; nothing else does.
        #expect(body.renderedPages.sorted() == ["briefings/alpha/index.html", "pack/alpha/index.html", "pack/index.html", "recommendations/3/index.html"])
        #expect(body.write?.kept == body.pageCount - 4)
        // No question record and no feed entry shows a body: those exports are not made again.
        #expect(Set(body.keptFiles).isSuperset(of: [QuestionsJSON.path, QuestionsCSV.path, AtomFeed.path]))
        #expect(!body.keptFiles.contains(SearchIndex.jsonPath))

        let question = try Self.step(site, "question edited") {
            try site.write(path, text.replacingOccurrences(of: "Question 3.1 about", with: "Question 3.1, reworded, about"))
        }
        // 3.1 is answered and was asked at call-2, which lists its text. Rec 4 and call-1, which it links
        // to, show a backlink labelled with its id only, so they stay as they were.
        #expect(Set(question.renderedPages) == [
            "recommendations/3/index.html", "briefings/alpha/index.html", "pack/index.html", "pack/alpha/index.html",
            "questions/index.html", "questions/answered/index.html", "meetings/call-2/index.html",
        ])
        #expect(Set(question.keptFiles).isDisjoint(with: [QuestionsJSON.path, QuestionsCSV.path, AtomFeed.path]))

        let unrelated = Self.step(site, "unchanged page") {
            try? site.write("content/pages/questions-guide.md", "---\ntitle: Questions guide\n---\nHow to read [[2.1]] and `[[not a link]]`, again.\n")
        }
        #expect(unrelated.renderedPages == ["questions-guide/index.html"])
    }

    /// Outputs carry no hash in the state: a page rendered again is compared with its file.
    /// The same bytes are left alone; other bytes of the same size are written.
    @Test func aPageRenderedAgainIsWrittenOnlyIfItsBytesChanged() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        Self.step(site, "first build") {}
        let page = "recommendations/3/index.html"
        // The state's record of the page's fingerprint changed in place, so the page is rendered again.
        let statePath = site.output.appendingPathComponent(BuildState.fileName).path
        var state = String(decoding: try #require(FileIO.read(statePath)), as: UTF8.self)
        let record = try #require(state.split(separator: "\n").first { $0.hasPrefix("page\t") && $0.hasSuffix("\t" + page) })
        state = state.replacingOccurrences(of: record, with: "page\t" + String(repeating: "0", count: 32) + "\t" + page)
        let handle = try #require(FileHandle(forWritingAtPath: statePath))
        try handle.write(contentsOf: Data(state.utf8))
        try handle.close()
        // And a source edited, so that the build gets as far as rendering.
        let guide = "questions-guide/index.html"
        let again = try Self.step(site, "fingerprint forgotten") {
            try site.write("content/pages/questions-guide.md", "---\ntitle: Questions guide\n---\nHow to read [[2.1]], again.\n")
        }
        #expect(again.renderedPages.sorted() == [guide, page])
        #expect(again.write?.written == 1)
        #expect(!again.keptFiles.contains(page) && !again.keptFiles.contains(guide))

        let path = "content/recommendations/3.md"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        let sameSize = try Self.step(site, "an edit that keeps the sizes") {
            try site.write(path, text.replacingOccurrences(of: "Body of recommendation 3,", with: "Body of recommendation 8,"))
        }
        #expect(sameSize.renderedPages.count == 4)
        #expect((sameSize.write?.written ?? 0) >= 4)
    }

    @Test func aFailedBuildLeavesTheSiteAndItsStateAlone() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        Self.step(site, "first build") {}
        let before = Self.snapshot(site.output)
        let state = FileIO.read(site.output.appendingPathComponent(BuildState.fileName).path)
        try site.write("content/recommendations/1.md", "---\nnumber: 1\ntitle: [broken\n---\n")
        let failed = site.build()
        #expect(!failed.succeeded)
        #expect(Self.snapshot(site.output) == before)
        #expect(FileIO.read(site.output.appendingPathComponent(BuildState.fileName).path) == state)
        try site.remove("content/recommendations/1.md")
        try site.write("content/recommendations/1.md", SyntheticSite.files()["content/recommendations/1.md"]!)
        let again = site.build()
        #expect(again.write?.written == 0)
        Self.expectSameAsClean(site, "after the fix")
    }

    @Test func aHandEditedOutputIsRebuilt() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        Self.step(site, "first build") {}
        try Data("tampered".utf8).write(to: site.output.appendingPathComponent("recommendations/1/index.html"))
        try Data("stray".utf8).write(to: site.output.appendingPathComponent("stray.html"))
        let r = Self.step(site, "after hand edits") {}
        #expect(r.timings.map { $0.stage } != ["unchanged"])
    }

    @Test func touchingWithoutChangingRewritesNothing() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        Self.step(site, "first build") {}
        let path = site.root.appendingPathComponent("content/recommendations/1.md").path
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: path)
        let r = Self.step(site, "touched") {}
        #expect(r.write?.written == 0)
    }

    /// Deleting pages takes their folders with them, whatever the length of the
    /// folder's name: a one-letter slug once crashed the build (Foundation's
    /// `deletingLastPathComponent` traps on "t" on Linux).
    @Test func deletedPagesTakeTheirFoldersWithThem() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        let slugs = ["t", "tt", "about-us"]
        try Self.step(site, "pages added") {
            for slug in slugs { try site.write("content/pages/\(slug).md", "---\ntitle: Page \(slug)\n---\nText.\n") }
        }
        let r = try Self.step(site, "pages deleted") {
            for slug in slugs { try site.remove("content/pages/\(slug).md") }
        }
        #expect(r.write?.removed == slugs.count)
        for slug in slugs {
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(slug).path), "\(slug)/ is left")
        }
    }

    /// A static file's name may start with a combining mark, which makes one character of
    /// the slash before it: output paths are split at the `/` byte, so its folder is made,
    /// its temporary file sits beside it, and the state describes it (the build once failed
    /// with "cannot write …/x/\u{301}y.txt: No such file or directory").
    @Test func aNameStartingWithACombiningMarkIsStillInItsFolder() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        let name = "x/\u{301}y.txt"
        try Self.step(site, "static file added") { try site.write("static/" + name, "one") }
        #expect(FileIO.read(site.output.path + "/" + name) == Array("one".utf8))
        let same = Self.step(site, "no change") {}
        #expect(same.timings.map { $0.stage } == ["unchanged"], "the state describes the folder it sits in")
        try Self.step(site, "static file edited") { try site.write("static/" + name, "two") }
        #expect(FileIO.read(site.output.path + "/" + name) == Array("two".utf8))
        try Self.step(site, "static file removed") { try site.remove("static/" + name) }
        #expect(!FileManager.default.fileExists(atPath: site.output.path + "/x"))
    }
}
