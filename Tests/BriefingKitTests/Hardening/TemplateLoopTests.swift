import Foundation
import Mustache
import Testing
@testable import BriefingKit

/// Templates that render inside themselves, in the forms the first check missed
/// because it read the text with `{{`/`}}` and spaces only: each crashed the build
/// with SIGSEGV and left a staging folder behind. Each must now be an error at the
/// template, with the last good site left as it was.
@Suite struct TemplateLoopTests {
    func rejected(_ name: String, _ files: [String: String]) throws -> [String] {
        let check = try RejectionCheck(name)
        defer { check.cleanUp() }
        return try check.expectRejected { site in
            for (path, text) in files { try site.write(path, text) }
        }
    }

    static let footerLoop = "includes itself (footer → footer), so it would never finish rendering"

    /// A footer that includes the template the site's title names: "footer", itself.
    static let dynamicLoop = [
        "briefing.yml": "title: footer\nbase_url: https://example.org/review/\nlanguage: en\n",
        "templates/footer.mustache": "<p>{{>*site.title}}</p>",
    ]
    static let dynamicLoopError = "templates/footer.mustache:1:4: error: template 'footer' nests partials more than "
        + "\(TemplateRenderer.nestingLimit) deep; it probably includes itself through footer → footer"

    @Test(arguments: [
        ("a tab after >", "{{>\tfooter}}", "1:1"),
        ("a newline after >", "<p>\n{{>\nfooter}}\n</p>", "2:1"),
        ("a tab after the name", "{{>footer\t}}", "1:1"),
        ("changed delimiters", "{{=<% %>=}}<%> footer%>", "1:12"),
        ("changed delimiters on a later line", "<p>\n{{=| |=}}\n  |>footer|\n</p>", "3:3"),
    ])
    func footerIncludesItself(_ shape: String, _ text: String, _ position: String) throws {
        let errors = try rejected("footer includes itself: \(shape)", ["templates/footer.mustache": text])
        #expect(errors == ["templates/footer.mustache:\(position): error: template 'footer' \(Self.footerLoop)"])
    }

    @Test func aBlockOverrideThatIncludesItsOwnPage() throws {
        // `page` extends `base` too, but the outer override of `main` stays in force inside it.
        let errors = try rejected("an override that includes its page", [
            "templates/not-found.mustache": "{{<base}}{{$main}}{{> page}}{{/main}}{{/base}}",
        ])
        #expect(errors == ["templates/not-found.mustache:1:19: error: template 'page' includes itself (page → base → block 'main' of 'not-found' → page), so it would never finish rendering"])
    }

    @Test func aBlockOverrideThatShowsItself() throws {
        let errors = try rejected("an override that shows itself", [
            "templates/not-found.mustache": "{{<base}}\n{{$main}}\n<p>{{$main}}x{{/main}}</p>\n{{/main}}\n{{/base}}\n",
        ])
        #expect(errors == ["templates/not-found.mustache:3:4: error: block 'main' of 'not-found' includes itself (block 'main' of 'not-found' → block 'main' of 'not-found'), so it would never finish rendering"])
    }

    /// What no check before rendering can see: the data names the partial. The renderer's
    /// nesting limit stops it, and a theme like this writes through a staging folder.
    @Test func aDynamicPartialTheDataTurnsIntoALoop() throws {
        let errors = try rejected("a dynamic partial that loops", Self.dynamicLoop)
        #expect(errors == [Self.dynamicLoopError])
    }

    @Test func aDynamicPartialLoopIsAnErrorForCheckToo() throws {
        let site = try TempSite.minimal(Self.dynamicLoop)
        defer { site.cleanUp() }
        let result = site.check()
        #expect(result.errorLines == [Self.dynamicLoopError])
        #expect(result.files.isEmpty)
    }

    @Test func aDynamicPartialThatEndsBuildsAndRebuilds() throws {
        let site = try TempSite.minimal([
            "briefing.yml": "title: progress-note\nbase_url: https://example.org/review/\nlanguage: en\n",
            "templates/progress-note.mustache": "<i>{{site.language}}</i>",
            "templates/footer.mustache": "<p>{{>*site.title}}</p>",
        ])
        defer { site.cleanUp() }
        let first = site.build()
        #expect(first.succeeded, "\(first.lines)")
        #expect(site.read("index.html")?.contains("<p><i>en</i></p>") == true)
        try site.write("content/meetings/call-1.md", "---\ntitle: Call One\ndate: 2017-09-07\n---\n1. Welcome\n")
        let second = site.build()
        #expect(second.succeeded, "\(second.lines)")
        #expect(site.read("meetings/call-1/index.html")?.contains("Call One") == true)
    }

    @Test func dynamicPartialsRenderAsSwiftMustacheRendersThem() throws {
        var library = MustacheLibrary()
        try library.register("a{{>*which}}b{{>*missing}}c{{#list}}{{>*.}}{{/list}}", named: "t")
        try library.register("[{{x}}]", named: "p")
        try library.register("<{{x}}>", named: "q")
        let context: [String: Any] = ["which": "p", "x": "1", "list": ["q", "p", "nothing"]]
        let renderer = TemplateRenderer(programs: TemplatePrograms(library, names: ["t", "p", "q"]).programs)
        let fast = try renderer.render("t", context)
        #expect(String(decoding: fast, as: UTF8.self) == library.render(context, withTemplate: "t"))
        #expect(String(decoding: fast, as: UTF8.self) == "a[1]bc<1>[1]")
    }

    /// swift-mustache's parser recurses once per nested section and ran out of stack near
    /// a thousand levels, before any of our checks: refused first, at the tag too deep.
    @Test func sectionsNestedTooDeepAreRefusedBeforeTheParse() throws {
        let deep = String(repeating: "{{#a}}", count: 1000) + String(repeating: "{{/a}}", count: 1000)
        let errors = try rejected("sections nested 1,000 deep", ["templates/footer.mustache": "<p>é\n" + deep])
        #expect(errors == ["templates/footer.mustache:2:601: error: sections nest more than 100 deep here"])
        #expect(TemplateTags(String(repeating: "{{#a}}{{/a}}", count: 5000)).tooDeep == nil)
    }

    @Test func tagsAreFoundWhereSwiftMustacheReadsThem() {
        let tags = TemplateTags("x {{! {{> no}} }}\n  {{>\n one }}{{=<% %>=}}<%<two%><%/two%>{{> no}}\n<%$ b%><%>*three%>")
        #expect(tags.tags.map { "\($0.key.kind) \($0.name) \($0.line):\($0.column)\($0.dynamic ? " dynamic" : "")" } == [
            "partial one 2:3", "parent two 3:19", "block b 4:1", "partial three 4:8 dynamic",
        ])
    }

    @Test func theBuiltInThemeNestsABoundedDepth() throws {
        let (theme, diagnostics) = Theme.load(overrides: [])
        #expect(!diagnostics.hasErrors)
        #expect(theme?.nesting.bounded == true)
        // 4 deep: recommendation → base → its block 'main' → progress.
        var library = MustacheLibrary()
        var outlines: [String: TemplateOutline] = [:]
        for (name, bytes) in Theme.builtIn {
            let text = String(decoding: bytes, as: UTF8.self)
            try library.register(text, named: name)
            outlines[name] = try #require(TemplateOutline.read(library.getTemplate(named: name)!, named: name, text: text))
        }
        #expect(PartialCycles.throughBlocks(outlines, limit: 4).bounded)
        #expect(!PartialCycles.throughBlocks(outlines, limit: 3).bounded)
    }
}

extension TemplateLoopTests {
    /// swift-mustache has no nesting limit, so a page is never left to it while a loop is possible.
    @Test func swiftMustacheIsNotLeftALoop() throws {
        let site = try TempSite.minimal(Self.dynamicLoop)
        defer { site.cleanUp() }
        var options = site.options()
        options.fastTemplates = false
        let result = SiteBuilder(options).build()
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.hasPrefix("templates/footer.mustache:1:4: error: cannot render the pages safely") == true, "\(result.lines)")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    /// Each reference is placed and followed once. (5,000: swift-mustache's own parse is
    /// quadratic in the tags, 42 s for 50,000.)
    @Test func fiveThousandReferencesToItself() throws {
        let errors = try rejected("5,000 references to itself", ["templates/footer.mustache": String(repeating: "{{> footer}}", count: 5_000)])
        #expect(errors == ["templates/footer.mustache:1:1: error: template 'footer' \(Self.footerLoop)"])
    }

    /// No loop, only deeper than the limit: the check before rendering gives up there,
    /// and the renderer's limit says so.
    @Test func aChainOfSeventyTemplates() throws {
        var files = ["templates/footer.mustache": "{{> t1}}", "templates/t70.mustache": "end"]
        for i in 1..<70 { files["templates/t\(i).mustache"] = "{{> t\(i + 1)}}" }
        let errors = try rejected("a chain of 70 templates", files)
        let chain = (["footer"] + (1...62).map { "t\($0)" }).joined(separator: " → ")
        #expect(errors == ["templates/footer.mustache:1:1: error: template 'footer' nests partials more than 64 deep; it probably includes itself through \(chain)"])
    }
}
