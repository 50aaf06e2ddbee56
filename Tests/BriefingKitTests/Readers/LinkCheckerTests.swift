import Foundation
import Testing
@testable import BriefingKit

/// Every internal link and #anchor resolves; the checker catches the ways one can break.
@Suite struct LinkCheckerTests {
    static func page(_ path: String, _ body: String) -> OutputFile {
        OutputFile(path: path, text: "<!DOCTYPE html>\n<html lang=\"en\">\n<body>\n\(body)\n</body>\n</html>\n")
    }

    @Test func findsEveryKindOfBrokenLink() {
        let files = [
            Self.page("index.html", """
            <a href="recommendations/1/index.html#q1.1">ok</a> <a href="missing/index.html">gone</a>
            <a href="recommendations/1/index.html#q9.9">no anchor</a>
            <a href="briefing-root:/recommendations/1/index.html">placeholder</a>
            <a href="/recommendations/1/index.html">root-absolute</a> <a href="../outside.html">out</a>
            <a href="https://example.org/x#y">external</a> <a href="mailto:a@b.c">mail</a> <a href="#top">top</a>
            <link rel="stylesheet" href="assets/style.css"><script src="assets/gone.js"></script>
            <a href="questions.json#x">anchor into data</a> <a href="recommendations/1/#q1.1">folder</a>
            <a href="search/index.html?q=a&amp;b=c">query</a>
            """),
            Self.page("recommendations/1/index.html", #"<article id="q1.1"><a href="../../search/index.html#top">search</a></article>"#),
            Self.page("search/index.html", #"<p id="top">x</p>"#),
            OutputFile(path: "assets/style.css", text: "body{}"),
            OutputFile(path: "questions.json", text: "[]"),
        ]
        let broken = LinkChecker().check(files)
        #expect(broken.map(\.link) == [
            "missing/index.html", "recommendations/1/index.html#q9.9", "briefing-root:/recommendations/1/index.html",
            "/recommendations/1/index.html", "../outside.html", "#top", "assets/gone.js", "questions.json#x",
        ])
        #expect(broken.allSatisfy { $0.page == "index.html" })
        // Line and column of the attribute, as editors and CI annotations expect.
        #expect(broken.first?.description == #"index.html:4:55: error: link "missing/index.html" names missing/index.html, which the site does not have"#)
        #expect(broken[1].line == 5)
    }

    @Test func sameAnchorOnThePageItselfMustExist() {
        let files = [Self.page("a/index.html", ##"<a href="#here">x</a> <a href="#gone">y</a> <p id="here"></p>"##)]
        #expect(LinkChecker().check(files).map(\.link) == ["#gone"])
    }

    @Test func resolvesRelativePaths() {
        #expect(LinkChecker.resolve("../../index.html", from: "recommendations/1/index.html") == "index.html")
        #expect(LinkChecker.resolve("./", from: "index.html") == "index.html")
        #expect(LinkChecker.resolve("../", from: "questions/open/index.html") == "questions/index.html")
        #expect(LinkChecker.resolve("../../..", from: "a/b.html") == nil)
        // A combining mark after a slash is part of the next name, not of the slash.
        #expect(LinkChecker.resolve("../\u{301}y.txt", from: "x/index.html") == "\u{301}y.txt")
        #expect(LinkChecker.resolve("\u{301}y/", from: "x/index.html") == "x/\u{301}y/index.html")
        #expect(LinkChecker.hasScheme("https://x") && LinkChecker.hasScheme("mailto:x"))
        #expect(!LinkChecker.hasScheme("q11.13") && !LinkChecker.hasScheme("a/b:c"))
        #expect(HTMLAttributes.decodeEntities("a&amp;b&#39;c&#x2F;&bogus;") == "a&b'c/&bogus;")
    }

    @Test func builtFixtureSiteHasNoBrokenLinksInEitherLinkStyle() throws {
        for pretty in [false, true] {
            let site = try ReadersSite.make([
                "briefing.yml": "title: T\nbase_url: https://example.org/\npretty_links: \(pretty)\n",
                "content/pages/about.md": "---\ntitle: About\n---\nSee [[1.2]], [[call-1]], [[gdd]] and [site](https://example.org/).\n",
            ])
            defer { site.cleanUp() }
            let r = site.build()
            #expect(r.succeeded, "\(r.lines)")
            let broken = LinkChecker().check(try site.outputFiles())
            #expect(broken.isEmpty, "pretty \(pretty): \(broken)")
        }
    }

    /// The repository's own site: build content/ and prove every link and anchor lands.
    @Test func ssr1SiteHasNoBrokenLinks() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-links-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = SiteBuilder(.init(source: Repository.root, displaySource: "", output: output)).make()
        #expect(result.succeeded, "\(result.lines)")
        let broken = LinkChecker().check(result.files)
        #expect(broken.isEmpty, "\(broken.prefix(10))")
        // It did look at something: hundreds of links, most with anchors.
        let links = result.files.filter { $0.path.hasSuffix(".html") }
            .flatMap { HTMLAttributes.values(of: LinkChecker.linkAttributes, in: String(decoding: $0.bytes, as: UTF8.self)) }
        #expect(links.count > 1000)
        #expect(links.filter { $0.value.contains("#q") }.count > 100)
    }
}
