import Foundation

/// libFuzzer's way into the pipeline (`Sources/BriefingFuzz`, `make fuzz`).
///
/// The first byte picks what the rest feeds: a content file to split and decode as
/// every kind, a Markdown field to parse and link against a small fixed site, a
/// slide deck to import, or a content file that joins the fixed site and goes all
/// the way through rendering; a first byte of 255 makes the rest a template override
/// that the fixed site is rendered with. Besides crashes, it stops on two broken promises:
/// rendered HTML that can run something (`ActiveContentScanner`), and a diagnostic
/// that is not `path:line:col` with positive numbers.
public enum FuzzEntry {
    public static func run(_ data: Data) {
        guard let mode = data.first else { return }
        let input = Data(data.dropFirst())
        if mode == 255 { return template(input) }
        switch mode % 4 {
        case 0: load(input)
        case 1: markdown(input)
        case 2: importDeck(input)
        default: site(input, kind: SourceTree.Kind.allCases[Int(mode / 4) % 4])
        }
    }

    /// Bytes → text → front matter → typed records, as each of the four kinds.
    static func load(_ data: Data) {
        guard case .success(let text) = SourceText.decode(data) else { return }
        _ = FrontMatterSplitter.split(text)
        for kind in SourceTree.Kind.allCases {
            let (_, diagnostics) = ContentLoader.decode(text: text, file: FuzzSite.file(kind))
            diagnostics.forEach(expectWellFormed)
        }
    }

    /// One Markdown field through cmark and the link rewriter.
    static func markdown(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        let job = MarkdownJob(key: .pageBody("fuzz"), text: MarkdownText(text, origin: SourceLocation(path: "fuzz.md", line: 4)),
                              source: Backlink(label: "Fuzz", path: "fuzz/index.html", order: .page("fuzz")), home: 11, headingTop: 2)
        let result = FuzzSite.shared.stage.render(job)
        result.diagnostics.forEach(expectWellFormed)
        expectInert(result.fragment.html, "Markdown field")
    }

    /// A slide deck's text through the importer; what it writes must load again.
    static func importDeck(_ data: Data) {
        guard let (_, _, files) = try? DeckImporter.convert(data, path: "deck.txt") else { return }
        for f in files {
            guard let kind = SourceTree.Kind.allCases.first(where: { f.path.hasPrefix($0.rawValue + "/") }) else { continue }
            let (_, diagnostics) = ContentLoader.decode(text: f.text, file: FuzzSite.file(kind))
            if let e = diagnostics.first(where: { $0.severity == .error }) {
                fatalError("the importer wrote content/\(f.path), which does not load: \(e)")
            }
        }
    }

    /// A content file added to the fixed site, then validated, linked and rendered.
    static func site(_ data: Data, kind: SourceTree.Kind) {
        guard case .success(let text) = SourceText.decode(data) else { return }
        let (item, diagnostics) = ContentLoader.decode(text: text, file: FuzzSite.file(kind))
        diagnostics.forEach(expectWellFormed)
        guard let item else { return }
        var content = FuzzSite.shared.content
        content.add(item)
        for file in FuzzSite.render(content) where OutputFile.isPage(file.path) {
            expectInert(String(decoding: file.bytes, as: UTF8.self), file.path)
        }
    }

    /// A template override (its name picked by the first byte) parsed, checked for loops,
    /// and the fixed site rendered with it: a loop or nesting that slips past the checks
    /// must end as a diagnostic, never as a stack overflow.
    static func template(_ data: Data) {
        guard let pick = data.first else { return }
        let names = ["footer", "question", "page", "base", "recommendation", "backlinks"]
        let name = names[Int(pick) % names.count]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name + ".mustache")
        guard (try? Data(data.dropFirst()).write(to: url)) != nil else { return }
        let file = SourceTree.File(kind: .pages, slug: name, url: url, displayPath: "templates/\(name).mustache")
        let (theme, diagnostics) = Theme.load(overrides: [file])
        diagnostics.all.forEach(expectWellFormed)
        guard let theme else { return }
        FuzzSite.render(FuzzSite.shared.content, theme: theme).forEach(expectWellFormed)
    }

    static func expectWellFormed(_ d: Diagnostic) {
        let l = d.location
        if l.line < 1 || l.column < 1 || l.path.isEmpty || d.message.isEmpty {
            fatalError("malformed diagnostic: \(d)")
        }
    }

    static func expectInert(_ html: String, _ what: String) {
        let found = ActiveContentScanner.scan(html)
        if !found.isEmpty { fatalError("\(what) can run something: \(found) in \(html.prefix(2000))") }
    }
}

extension SiteContent {
    mutating func add(_ item: ContentLoader.Item) {
        switch item {
        case .recommendation(let r): recommendations.append(r)
        case .briefing(let b): briefings.append(b)
        case .meeting(let m): meetings.append(m)
        case .page(let p): pages.append(p)
        }
    }
}

/// The small site fuzzed input is linked against and added to.
struct FuzzSite: Sendable {
    static let shared = FuzzSite()

    let content: SiteContent
    let stage: MarkdownStage

    static let files: [(SourceTree.Kind, String, String)] = [
        (.recommendations, "11", "---\nnumber: 11\ntitle: Measures\nbriefing: gdd\nquestions:\n  - id: \"11.1\"\n    text: What exists?\n    asked: plenary-41\n---\nSee [[gdd]].\n"),
        (.briefings, "gdd", "---\ntitle: GDD Briefing\nteam: GDD\nmeeting: plenary-41\n---\nAnswers for Rec 11.\n"),
        (.meetings, "plenary-41", "---\ntitle: Plenary 41\ndate: 2017-09-07\naction_items:\n  - id: \"41-1\"\n    text: Update\n---\n1. Welcome\n"),
        (.pages, "about", "---\ntitle: About\n---\nAbout [[11.1]].\n"),
    ]

    init() {
        var content = SiteContent(config: SiteConfig())
        for (kind, slug, text) in Self.files {
            if case (let item?, _) = ContentLoader.decode(text: text, file: Self.file(kind, slug: slug)) { content.add(item) }
        }
        self.content = content
        let urls = SiteURLs()
        stage = MarkdownStage(targets: LinkTargets(content, urls: urls), urls: urls, unsafeHTML: false)
    }

    /// The file a fuzzed input pretends to be: a new slug of its kind.
    static func file(_ kind: SourceTree.Kind, slug: String? = nil) -> SourceTree.File {
        let slug = slug ?? (kind == .recommendations ? "12" : "fuzz")
        return SourceTree.File(kind: kind, slug: slug, url: URL(fileURLWithPath: "/nonexistent/\(slug).md"),
                               displayPath: "content/\(kind.rawValue)/\(slug).md")
    }

    static let theme = Theme.load(overrides: []).0

    /// What `SiteBuilder.make` does between loading and writing, without the disk.
    static func render(_ content: SiteContent) -> [OutputFile] {
        let site = linked(content)
        var diagnostics = site.diagnostics
        diagnostics.append(contentsOf: SiteValidator().validate(content))
        diagnostics.all.forEach(FuzzEntry.expectWellFormed)
        guard !diagnostics.hasErrors, let theme else { return [] }
        // The built-in theme nests a few templates deep, so no page can fail to render.
        return RenderStage(theme: theme).files(site.site).files
    }

    /// The fixed site rendered with another theme; the pages' failures.
    static func render(_ content: SiteContent, theme: Theme) -> [Diagnostic] {
        RenderStage(theme: theme).files(linked(content).site).failures
    }

    /// The content's Markdown rendered and linked, as the Link stage hands it on.
    private static func linked(_ content: SiteContent) -> (site: LinkedSite, diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let urls = SiteURLs(pretty: content.config.prettyLinks)
        let stage = MarkdownStage(targets: LinkTargets(content, urls: urls), urls: urls, unsafeHTML: false)
        let results = stage.run(content)
        var fragments: [FieldKey: Fragment] = [:]
        for r in results {
            fragments[r.key] = r.fragment
            diagnostics.append(contentsOf: r.diagnostics)
        }
        let references = CrossReferences(content: content, results: results, diagnostics: &diagnostics)
        return (LinkedSite(content: content, fragments: fragments, references: references, urls: urls), diagnostics)
    }
}
