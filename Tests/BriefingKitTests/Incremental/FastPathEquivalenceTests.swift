import Foundation
import Testing
import Mustache
@testable import BriefingKit

/// The shortcuts of the render stage must not change a byte: `TemplateRenderer`
/// renders what swift-mustache renders, and a question rendered once and shared
/// is what the page would have rendered itself.
@Suite struct FastPathEquivalenceTests {
    static func expectSameFiles(_ source: URL, _ what: String) {
        let out = source.appendingPathComponent("site")
        let fast = SiteBuilder(.init(source: source, displaySource: "", output: out)).make()
        var slowOptions = SiteBuilder.Options(source: source, displaySource: "", output: out)
        slowOptions.fastTemplates = false
        slowOptions.shareRenderedQuestions = false
        let slow = SiteBuilder(slowOptions).make()
        #expect(fast.succeeded && slow.succeeded, "\(what): \(fast.diagnostics.errors)")
        #expect(fast.files.map(\.path) == slow.files.map(\.path), "\(what)")
        for (a, b) in zip(fast.files, slow.files) where a.bytes != b.bytes {
            Issue.record("\(what): \(a.path) differs\n--- fast\n\(String(decoding: a.bytes, as: UTF8.self).prefix(3000))\n--- swift-mustache\n\(String(decoding: b.bytes, as: UTF8.self).prefix(3000))")
            return
        }
    }

    @Test func theRepositorySiteRendersTheSame() throws {
        Self.expectSameFiles(Repository.root, "SSR1 site")
    }

    @Test func aSyntheticSiteRendersTheSame() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        Self.expectSameFiles(site.root, "synthetic site")
    }

    /// Enough questions for the pages that list them to hand their partials to both cores
    /// (`QuestionPartials.share`, which only `build()` does): what it writes, in a full build
    /// and after an edit that renders a few pages, is what swift-mustache renders alone.
    @Test func partialsMadeOnBothCoresRenderTheSame() throws {
        let site = try TempSite(SyntheticSite.files(recommendations: 30, questions: 4))
        defer { site.cleanUp() }
        func expectSameAsSwiftMustache(_ what: String) {
            var options = SiteBuilder.Options(source: site.root, displaySource: "", output: site.output)
            options.fastTemplates = false
            options.shareRenderedQuestions = false
            let slow = SiteBuilder(options).make()
            #expect(slow.succeeded)
            for file in slow.files where FileIO.read(site.output.appendingPathComponent(file.path).path) != file.bytes {
                Issue.record("\(what): \(file.path) differs from swift-mustache's rendering")
            }
        }
        #expect(site.build().succeeded)
        expectSameAsSwiftMustache("full build")
        let source = try String(contentsOf: site.root.appendingPathComponent("content/recommendations/7.md"), encoding: .utf8)
        try site.write("content/recommendations/7.md", source + "\nEdited.\n")
        let rebuilt = site.build()
        #expect(rebuilt.succeeded && rebuilt.renderedPages.contains("pack/index.html"))
        expectSameAsSwiftMustache("after an edit")
    }

    @Test func overriddenTemplatesRenderTheSame() throws {
        var files = SyntheticSite.files()
        // Indented partials, transforms, dotted names, a changed delimiter and a page that reads question fields itself.
        files["templates/footer.mustache"] = "<p>{{site.title}}{{#site.review}} · {{.}}{{/site.review}}</p>\n  {{> progress}}\n"
        files["templates/recommendation.mustache"] = """
        {{<base}}
        {{$main}}
        <h1>{{recTitle}} & {{{recTitle}}}</h1>
          {{#questions}}
          <p>{{id}} {{status}}{{^last()}},{{/last()}} {{#first()}}first{{/first()}} {{index()}}</p>
            {{> question}}
          {{/questions}}
        {{=<% %>=}}
        <p><% number %></p>
        <%={{ }}=%>
        {{^empty(backlinks)}}refs{{/empty(backlinks)}}{{#counts}}{{total}}{{#equalzero(open)}} none open{{/equalzero(open)}}{{/counts}}
        {{/main}}
        {{/base}}

        """
        let site = try TempSite(files)
        defer { site.cleanUp() }
        Self.expectSameFiles(site.root, "overridden templates")
    }

    /// The synthetic site with `changes`, compared file by file with swift-mustache's rendering;
    /// its recommendation 1 page as the build wrote it.
    static func recommendationPage(changing changes: [String: String], _ what: String) throws -> String {
        let site = try TempSite(SyntheticSite.files().merging(changes) { _, changed in changed })
        defer { site.cleanUp() }
        expectSameFiles(site.root, what)
        let page = try #require(site.check().files.first { $0.path == "recommendations/1/index.html" })
        return String(decoding: page.bytes, as: UTF8.self)
    }

    @Test func anOverriddenQuestionPartialIsNotShared() throws {
        let page = try Self.recommendationPage(changing: ["templates/question.mustache": "<div>{{id}} on {{title}} {{number}}</div>\n"],
                                               "overridden question")
        #expect(page.contains("<div>1.1 on Rec 1: "))
    }

    @Test func plainTextSpacesCollapseAsCharactersDo() {
        let samples = ["", " ", "a", "  a  b\n\nc ", "x \u{301}y", "a\r\nb", "é è", "a\u{A0} b", "tab\there", "\n\nend\n"]
        for s in samples {
            let expected = s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            #expect(MarkdownDocument.collapseSpaces(Array(s.utf8)) == expected, "\(s.debugDescription)")
        }
    }

    @Test func htmlEscapingMatchesSwiftMustache() throws {
        let samples = ["plain", "<a href=\"x\">&'</a>", "&\u{301}", "\u{600}<", "é<è", "\"\u{20D7}"]
        var library = Mustache.MustacheLibrary()
        try library.register("{{v}}", named: "t")
        let renderer = TemplateRenderer(programs: TemplatePrograms(library, names: ["t"]).programs)
        for s in samples {
            let fast = try renderer.render("t", ["v": s] as [String: Any])
            #expect(String(decoding: fast, as: UTF8.self) == library.render(["v": s], withTemplate: "t"), "\(s.debugDescription)")
        }
    }

    /// The shared question rendering prints its own fields without a lookup (`TemplateRenderer`'s
    /// question fast path); escaping must be what swift-mustache's would be. The share link is
    /// the field that can hold markup characters: it starts with the site's address.
    @Test func questionFieldsPrintedDirectlyAreEscapedAsSwiftMustacheDoes() throws {
        let config = "title: Synthetic Review\nreview: SSR9\nbase_url: \"https://example.org/a&b'c\\\"<d>/\"\n"
        let page = try Self.recommendationPage(changing: ["briefing.yml": config], "base_url with markup characters")
        #expect(page.contains("data-url=\"https://example.org/a&amp;b&#39;c&quot;&lt;d&gt;/recommendations/1/#q1.1\""))
    }

    /// `empty()` and `count()` of the lists and strings pages hand over are answered without
    /// swift-mustache's transforms (`TemplateRenderer.listTransform`): what they answer must be theirs.
    @Test func listTransformsMatchSwiftMustache() throws {
        var library = Mustache.MustacheLibrary()
        try library.register("{{#empty(v)}}E{{/empty(v)}}{{^empty(v)}}N{{/empty(v)}}|{{count(v)}}|{{^count(v)}}no count{{/count(v)}}|{{#first(v)}}f{{/first(v)}}", named: "t")
        let renderer = TemplateRenderer(programs: TemplatePrograms(library, names: ["t"]).programs)
        let values: [Any] = [
            "", "x", [String](), ["a", "b"], [[String: Any]](), [["k": 1] as [String: Any]],
            [[String: String]](), [["k": "v"]], [Any](), [1, "b"] as [Any], 7, true, ["k": "v"] as [String: Any],
            [ContextFields](), [["k": 1] as ContextFields], ContextFields(), ["k": "v"] as ContextFields,
        ]
        for v in values {
            let fast = try renderer.render("t", ["v": v] as [String: Any])
            #expect(String(decoding: fast, as: UTF8.self) == library.render(["v": v], withTemplate: "t"), "\(v)")
        }
    }

    /// The renderer keeps one context for a page and puts back what a section, a list or a
    /// template changed (`Context.pushing`, `render(_:_:into:)`): a content-type tag switches
    /// escaping for the rest of its own template only, and the stack and list positions are
    /// as they were after each section, as in swift-mustache, which renders on copies.
    @Test func sectionsAndContentTypesLeaveTheContextAsSwiftMustacheDoes() throws {
        var library = Mustache.MustacheLibrary()
        try library.register("{{#s}}{{%CONTENT_TYPE:TEXT}}{{v}}{{/s}}|{{v}}|{{#l}}{{v}}{{#last}}!{{/last}}{{/l}}|{{v}}|{{>p}}|{{v}}|"
                             + "{{#o}}{{v}}{{#o}}{{v}}{{/o}}{{/o}}{{v}}|{{^n}}{{%CONTENT_TYPE:TEXT}}{{v}}{{/n}}{{v}}", named: "t")
        try library.register("{{%CONTENT_TYPE:TEXT}}{{v}}{{#l}}{{#first}}f{{/first}}{{v}}{{/l}}", named: "p")
        try library.register("{{v}}{{%CONTENT_TYPE:TEXT}}{{v}}{{#l}}{{v}}{{/l}}{{>p}}{{v}}", named: "q")
        let renderer = TemplateRenderer(programs: TemplatePrograms(library, names: ["t", "p", "q"]).programs)
        let context: ContextFields = [
            "v": "<&>", "s": true, "n": false,
            "l": [["v": "<a>"] as ContextFields, ["v": "<b>", "last": true] as ContextFields],
            "o": ["v": "<o>"] as ContextFields,
        ]
        for name in ["t", "q"] {
            let fast = String(decoding: try renderer.render(name, context), as: UTF8.self)
            #expect(fast == library.render(context, withTemplate: name), "\(name)")
            #expect(fast.contains("&lt;&amp;&gt;") && fast.contains("<&>"), "\(name): both escapings appear")
        }
    }

    /// A site's address loses a final "/" on bytes where that is the last Character's, by Characters otherwise.
    /// A shared rendering copied between places found once gives what searching the copy gives.
    @Test func localizingBetweenPlacesFoundOnceIsLocalizing() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["<h3>", "</h3>", "<h5 class=\"q\">", "<H2>", "<h6>", "<h1/>", "<h4\n", "<hr>", "<h3", "</", "<", "h2>",
                      PageLinks.marker, PageLinks.marker + "recommendations/1/index.html\">", "href=\"", "href=\"briefing-root",
                      "<a href=\"https://x.org/\">", "text ", "é", "\"", ":", "3", "“", "\u{301}", "\u{600}"]
        let roots = [LinkRewriter.rootScheme, "", "../", "../../../", "https://example.org/a/", "<h2>/"]
        for _ in 0..<3000 {
            let html = (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let fragment = LocalizableHTML(html)
            for root in roots {
                for demotion in [-1, 0, 1, 3] {
                    var expected: [UInt8] = [1, 2], found: [UInt8] = [1, 2]
                    PageLinks.localize(html, root: root, demotingHeadingsBy: demotion, appendingTo: &expected)
                    fragment.localize(RootLink(root), demotingHeadingsBy: demotion, appendingTo: &found)
                    #expect(found == expected, "\(html.debugDescription) at \(root), \(demotion)")
                    // As text, cut between the same places.
                    #expect(Array(PageLinks.localize(html, root: root, demotingHeadingsBy: demotion).utf8) == Array(expected.dropFirst(2)),
                            "\(html.debugDescription) at \(root), \(demotion), as text")
                }
            }
        }
    }

    @Test func linksWithNumbersAreWhatConcatenationMakes() {
        for n in [0, 1, 9, 10, 11, 99, 100, 1250, 123_456_789, -1, -10, -907, Int.max, Int.min] {
            for urls in [SiteURLs(), SiteURLs(pretty: true)] {
                let ending = urls.pretty ? "/" : "/index.html"
                #expect(urls.recommendation(n) == "recommendations/" + String(n) + ending)
                #expect(urls.question("11.2", recommendation: n) == "recommendations/" + String(n) + ending + "#" + SiteURLs.questionAnchor("11.2"))
            }
        }
    }

    @Test func absoluteURLsTrimTheSlashAsCharactersDo() {
        for base in ["https://example.org/", "https://example.org", "/", "", "https://x.org/a\u{301}/", "https://x.org/\u{600}/", "é/", "a//"] {
            let b = base.hasSuffix("/") ? String(base.dropLast()) : base
            #expect(PageFrame.absolute(base, "q/") == SiteURLs.joined(b, "/", "q/"), "\(base.debugDescription)")
            #expect(PageFrame.absolute(base, "./") == b + "/", "\(base.debugDescription)")
        }
    }
}
