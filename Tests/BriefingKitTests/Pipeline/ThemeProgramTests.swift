import Foundation
import Mustache
import Testing
@testable import BriefingKit

/// The built-in templates' programs are compiled into the tool (`BuiltInPrograms.swift`,
/// `ProgramSource`); a build uses one only for the text it was read from.
@Suite struct ThemeProgramTests {
    static let generated = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/BriefingKit/Render/BuiltInPrograms.swift")

    @Test func theGeneratedFileIsUpToDate() throws {
        let onDisk = try String(contentsOf: Self.generated, encoding: .utf8)
        #expect(onDisk == (try ProgramSource.file()), "a built-in template changed: run `make theme-programs`")
    }

    /// What the compiled programs build is what swift-mustache's parse of each text reads as now.
    @Test func everyBuiltInTemplateHasTheProgramOfItsText() throws {
        #expect(Set(Theme.builtInPrograms.keys) == Set(Theme.builtIn.keys))
        for (name, bytes) in Theme.builtIn {
            let text = String(decoding: bytes, as: UTF8.self)
            let built = try #require(Theme.builtInPrograms[name])
            #expect(built.text == ContentHash(text), "\(name)")
            let read = try TemplateProgram(try MustacheTemplate(string: text))
            #expect(ProgramSource.expression(built.program, indent: 0) == ProgramSource.expression(read, indent: 0), "\(name)")
        }
    }

    /// A built-in template edited since the file was made (its hash differs) is parsed, not run
    /// from its old program, whose text nodes may point past the new text's end.
    @Test func aTemplateEditedSinceItsProgramWasMadeIsParsed() throws {
        let text = String(decoding: try #require(Theme.builtIn["footer"]), as: UTF8.self)
        #expect(Theme.compiledProgram("footer", text: text) != nil)
        #expect(Theme.compiledProgram("footer", text: text + " ") == nil)
        #expect(Theme.compiledProgram("footer", text: "<p>x</p>") == nil)
        #expect(Theme.compiledProgram("no-such-template", text: text) == nil)
        #expect(Theme.builtInText("footer", 0, 3) == Array(text.utf8.prefix(3)))
        #expect(Theme.builtInText("footer", text.utf8.count - 1, 5) == [])
        #expect(Theme.builtInText("footer", -1, 2) == [] && Theme.builtInText("nothing", 0, 1) == [])
    }

    /// Every page of a site comes out the same through the compiled programs, through programs
    /// read from swift-mustache's parse (an override that matches the built-in text exactly is
    /// parsed, as every override is), and through swift-mustache itself.
    @Test func pagesAreTheSameWhicheverWayTheTemplatesWereRead() throws {
        let site = try TempSite.minimal([:])
        defer { site.cleanUp() }
        let plan = try #require(SiteBuilder(site.options()).prepare(scanned: nil, forBuild: false).0)
        let compiled = try #require(Theme.load(overrides: []).0)
        let dir = site.root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let overrides = try Theme.builtIn.keys.sorted().map { name -> SourceTree.File in
            let url = dir.appendingPathComponent("\(name).mustache")
            try Data(Theme.builtIn[name]!).write(to: url)
            return SourceTree.File(kind: .pages, slug: name, url: url, displayPath: "templates/\(name).mustache")
        }
        let parsed = try #require(Theme.load(overrides: overrides).0)
        for theme in [parsed, compiled.mustacheOnly()] {
            let stage = RenderStage(theme: theme), reference = RenderStage(theme: compiled)
            let a = stage.files(plan.site).files, b = reference.files(plan.site).files
            #expect(a.count == b.count && a.count > 10)
            for (x, y) in zip(a, b) { #expect(x.path == y.path && x.bytes == y.bytes, "\(x.path)") }
        }
    }

    /// A shared rendering is kept for the whole build, one per question: in an array of its own
    /// size, not the renderer's 64 KB buffer (ten thousand of those were a third of a 1250x8
    /// build's peak memory).
    @Test func aRenderingKeptWholeIsNoLargerThanItsBytes() throws {
        let theme = try #require(Theme.load(overrides: []).0)
        let context: ContextFields = ["pages": [ContextFields](), "review": "SSR1", "year": 2026]
        let bytes = theme.renderWhole("footer", context)
        #expect(!bytes.isEmpty)
        #expect(bytes.capacity < 2 * max(bytes.count, 256), "capacity \(bytes.capacity) for \(bytes.count) bytes")
    }
}
