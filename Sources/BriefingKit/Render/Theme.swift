import Foundation
import Mustache

/// The templates and assets a site is rendered with: the built-in theme, with
/// any `templates/NAME.mustache` of the site taking the place of NAME.
public struct Theme: Sendable {
    /// Built-in templates, compiled into the tool so a lone binary can build a site.
    static let builtIn: [String: [UInt8]] = [
        "base": PackageResources.base_mustache,
        "home": PackageResources.home_mustache,
        "recommendations": PackageResources.recommendations_mustache,
        "recommendation": PackageResources.recommendation_mustache,
        "questions": PackageResources.questions_mustache,
        "briefing": PackageResources.briefing_mustache,
        "meetings": PackageResources.meetings_mustache,
        "meeting": PackageResources.meeting_mustache,
        "action-items": PackageResources.action_items_mustache,
        "page": PackageResources.page_mustache,
        "not-found": PackageResources.not_found_mustache,
        "question": PackageResources.question_mustache,
        "progress": PackageResources.progress_mustache,
        "materials": PackageResources.materials_mustache,
        "backlinks": PackageResources.backlinks_mustache,
        "footer": PackageResources.footer_mustache,
        "search": PackageResources.search_mustache,
        "pack": PackageResources.pack_mustache,
    ]

    /// Files the theme adds to every site, under `assets/`.
    static let assets: [String: [UInt8]] = [
        "assets/style.css": PackageResources.style_css,
        "assets/search.js": PackageResources.search_js,
        "assets/filters.js": PackageResources.filters_js,
        "assets/permalinks.js": PackageResources.permalinks_js,
        "assets/pack.js": PackageResources.pack_js,
    ]

    /// swift-mustache's parse of every template, made when a page first needs swift-mustache
    /// itself (a template the renderer cannot run, or `mustacheOnly`): most builds never do,
    /// and the built-in templates come with their programs (`BuiltInPrograms.swift`).
    let libraries: Shared<Libraries>
    public var library: MustacheLibrary { libraries.value.plain }
    /// `library` with `question` printing the question's shared rendering (see `QuestionPartials`).
    var sharedQuestions: MustacheLibrary { libraries.value.sharedQuestions }
    /// Page templates that may render with `sharedQuestions`.
    let prerenderable: Set<String>
    /// The same two libraries for `TemplateRenderer`; nil renders through swift-mustache alone.
    let renderer: TemplateRenderer?
    let sharedRenderer: TemplateRenderer?
    /// Where each template includes others, and whether that nesting is known to end.
    let nesting: TemplateNesting
    /// Every template's name and text: a page rendered with another theme is another page.
    var identity = ContentHash(a: 0, b: 0)

    /// Parses every template once; a broken override is a diagnostic with its line and column.
    /// `last`, a theme loaded before from the same texts, is returned instead of parsing again.
    public static func load(overrides: [SourceTree.File], reusing last: Theme? = nil) -> (Theme?, Diagnostics) {
        var diagnostics = Diagnostics()
        var texts = builtIn.mapValues { String(decoding: $0, as: UTF8.self) }
        var shown: [String: String] = [:]
        for file in overrides {
            if builtIn[file.slug] == nil {
                diagnostics.warning(SourceLocation(path: file.displayPath),
                                    "no built-in template is named '\(file.slug)'; it can still be used as a partial ({{> \(file.slug)}})")
            }
            switch ContentLoader.read(file.path, shown: file.displayPath) {
            case .failure(let d): diagnostics.append(d)
            case .success(let text):
                texts[file.slug] = text
                shown[file.slug] = file.displayPath
            }
        }
        let overridden = Set(overrides.map(\.slug))
        let identity = ContentHash(texts.sorted { $0.key < $1.key }.map { "\($0.key)\u{0}\($0.value)\u{0}" }.joined()
                                   + "\u{1}" + overridden.sorted().joined(separator: "\u{0}"))
        if let last, last.identity == identity, !diagnostics.hasErrors { return (last, diagnostics) }
        let names = texts.keys.sorted()
        let read = names.map { name in
            (texts[name]!, shown[name] == nil ? compiledProgram(name, text: texts[name]!) : nil)
        }.parallelMap(ReadTemplate.init)
        // Each text's tags, read once: for the depth refused before the parse and for the loop check.
        var tags: [String: TemplateTags] = [:]
        // Read once, for the renderer and for the nesting check; nil for a template left to swift-mustache.
        // A name is here when its template parsed (or came with its program).
        var programs: [String: TemplateProgram?] = [:]
        var parsed: [String: MustacheTemplate] = [:]
        for (name, template) in zip(names, read) {
            tags[name] = template.tags
            if let at = template.tags.tooDeep {
                diagnostics.error(TemplateNesting.location(name, in: shown, line: at.line, column: at.column),
                                  "sections nest more than \(TemplateTags.maxDepth) deep here")
                continue
            }
            if let known = template.known {
                programs[name] = known
                continue
            }
            guard let result = template.parsed else { continue }
            do {
                parsed[name] = try result.get()
                // Kept as nil, not left out (see `TemplatePrograms`).
                programs.updateValue(template.program, forKey: name)
            } catch let e as MustacheTemplate.ParserError where shown[name] != nil {
                diagnostics.error(SourceLocation(path: shown[name]!, line: e.context.lineNumber, column: e.context.columnNumber),
                                  "template does not parse: \(e.error)")
            } catch {
                if let path = shown[name] {
                    diagnostics.error(SourceLocation(path: path), "template does not parse: \(error)")
                } else {
                    diagnostics.error(TemplateNesting.location(name, in: shown), "built-in template does not parse: \(error)")
                }
            }
        }
        let nesting = checkNesting(programs: programs, parsed: parsed, tags: tags, sources: shown, diagnostics: &diagnostics)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let loaded = programs.keys.sorted()
        let libraries = Shared { [parsed, texts] in
            var library = MustacheLibrary()
            for name in loaded {
                // A built-in text parsed when its program was made; it parses now as it did then.
                guard let template = try? parsed[name] ?? MustacheTemplate(string: texts[name]!) else { continue }
                library.register(template, named: name)
            }
            var shared = library
            try? shared.register(QuestionPartials.standIn, named: "question")
            return Libraries(plain: library, sharedQuestions: shared)
        }
        // The renderer's two sets of programs differ in `question` alone: every other template is read once.
        var sharedPrograms = programs
        sharedPrograms["question"] = (try? MustacheTemplate(string: QuestionPartials.standIn)).flatMap { try? TemplateProgram($0) }
        var theme = Theme(libraries: libraries,
                          prerenderable: prerenderable(TemplateGraph(texts: texts), overridden: overridden),
                          renderer: TemplateRenderer(programs: programs),
                          sharedRenderer: TemplateRenderer(programs: sharedPrograms),
                          nesting: nesting)
        theme.identity = identity
        return (theme, diagnostics)
    }

    /// The compiled program of built-in template `name` (`BuiltInPrograms.swift`), when `text`
    /// is the text it was read from: then it needs no parse.
    static func compiledProgram(_ name: String, text: String) -> TemplateProgram? {
        guard let built = builtInPrograms[name], built.text == ContentHash(text) else { return nil }
        return built.program
    }

    /// swift-mustache's libraries of the theme's templates.
    struct Libraries: @unchecked Sendable {
        var plain: MustacheLibrary
        var sharedQuestions: MustacheLibrary
    }

    /// Templates that would render inside themselves are errors at the reference that
    /// closes the loop (`PartialCycles`), read from each template as swift-mustache parsed it.
    static func checkNesting(programs: [String: TemplateProgram?], parsed: [String: MustacheTemplate], tags: [String: TemplateTags],
                             sources: [String: String], diagnostics: inout Diagnostics) -> TemplateNesting {
        var outlines: [String: TemplateOutline] = [:]
        var readAll = true
        for (name, tags) in tags {
            // One that did not parse is an error already.
            guard programs.keys.contains(name) else { continue }
            if case let program?? = programs[name] {
                outlines[name] = TemplateOutline.read(program, named: name, tags: tags)
            } else if let template = parsed[name], let outline = TemplateOutline.read(template, named: name, tags: tags) {
                outlines[name] = outline
            } else {
                outlines[name] = TemplateOutline.scanned(tags, named: name)
                readAll = false
            }
        }
        let preferred = Set(sources.keys)
        let rendering = PartialCycles.throughBlocks(outlines, preferred: preferred)
        // The loops of templates naming each other, as they were always reported; else those only a block override closes.
        let named = PartialCycles.find(outlines, preferred: preferred)
        for cycle in named.isEmpty ? rendering.cycles : named {
            let at = cycle.reference
            diagnostics.error(TemplateNesting.location(at.template, in: sources, line: at.line, column: at.column),
                              cycle.message)
        }
        return TemplateNesting(sources: sources, references: outlines.mapValues(\.references), bounded: rendering.bounded && readAll)
    }

    /// Built-in page templates that reach `question` only through built-in templates,
    /// each time alone on an unindented line: there the shared rendering is the same bytes.
    static func prerenderable(_ graph: TemplateGraph, overridden: Set<String>) -> Set<String> {
        guard let partial = graph.reach("question"), partial.isDisjoint(with: overridden) else { return [] }
        return Set(builtIn.keys.filter { page in
            guard page != "question", let reach = graph.reach(page), reach.contains("question"),
                  reach.isDisjoint(with: overridden) else { return false }
            return graph.everyUse(of: "question", in: reach).allSatisfy(\.plainLine)
        })
    }

    /// Renders a page template. The context is made of named fields (`ContextFields`) and
    /// arrays, which swift-mustache reads directly instead of through `Mirror`.
    public func render(_ template: String, _ context: ContextFields) throws(Diagnostic) -> String {
        String(decoding: try renderBytes(template, context), as: UTF8.self)
    }

    /// `render` as the bytes of a file, without a `String` in between. Throws the error
    /// of a page that nests templates without end (see `TemplateNesting`).
    public func renderBytes(_ template: String, _ context: ContextFields, expectedSize: Int? = nil) throws(Diagnostic) -> [UInt8] {
        let shared = prerenderable.contains(template)
        // A little over the text the context holds: the template adds its markup.
        let capacity = expectedSize.map { max(1 << 16, $0 + $0 / 4) } ?? 1 << 16
        do {
            if let bytes = try (shared ? sharedRenderer : renderer)?.render(template, context, capacity: capacity) { return bytes }
        } catch let e as TemplateRenderer.TooDeep {
            throw nesting.diagnostic(e, page: template)
        } catch {
            // `Unsupported`: swift-mustache renders the page, below.
        }
        guard nesting.bounded else { throw nesting.unchecked(page: template) }
        return Array(((shared ? sharedQuestions : library).render(context, withTemplate: template) ?? "").utf8)
    }

    /// A template with every partial as written (no shared questions): what a shared rendering stands for.
    /// Only asked for the built-in `question`, whose nesting is the theme's own and ends
    /// (see `prerenderable`), so the empty rendering of a failure is never seen.
    /// Kept by the caller, so the bytes come in an array of their own size: the renderer's
    /// buffer starts at 64 KB, and ten thousand of them were 60 MB of a build's peak.
    func renderWhole(_ template: String, _ context: Any) -> [UInt8] {
        do {
            if let bytes = try renderer?.render(template, context) {
                return [UInt8](unsafeUninitializedCapacity: bytes.count) { copy, count in
                    count = copy.initialize(fromContentsOf: bytes)
                }
            }
        } catch is TemplateRenderer.TooDeep {
            return []
        } catch {}
        return nesting.bounded ? Array((library.render(context, withTemplate: template) ?? "").utf8) : []
    }
}

extension Theme {
    /// Every page through the full `question` partial: what the shared rendering must equal.
    func unshared() -> Theme {
        let libraries = libraries
        return Theme(libraries: Shared { Libraries(plain: libraries.value.plain, sharedQuestions: libraries.value.plain) },
                     prerenderable: [], renderer: renderer, sharedRenderer: renderer, nesting: nesting, identity: identity)
    }

    /// Every page through swift-mustache: what `TemplateRenderer` must equal.
    func mustacheOnly() -> Theme {
        Theme(libraries: libraries, prerenderable: prerenderable, renderer: nil, sharedRenderer: nil,
              nesting: nesting, identity: identity)
    }
}

/// One template's text as the theme reads it: its tags, and swift-mustache's parse and our
/// program of it unless its program is `known` (a built-in text, `BuiltInPrograms.swift`).
/// Made for every template at once, on both cores: parsing and reading a template (through
/// `Mirror`, which looks each token's payload type up by name) costs far more than its tags.
private struct ReadTemplate: @unchecked Sendable {
    let tags: TemplateTags
    let known: TemplateProgram?
    /// Nil when the program is known, or when the tags already refuse the text (too deep to parse safely).
    let parsed: Result<MustacheTemplate, any Error>?
    let program: TemplateProgram?

    init(_ text: String, known: TemplateProgram?) {
        tags = TemplateTags(text)
        self.known = tags.tooDeep == nil ? known : nil
        guard tags.tooDeep == nil, known == nil else { parsed = nil; program = known; return }
        let parsed = Result { try MustacheTemplate(string: text) }
        self.parsed = parsed
        program = (try? parsed.get()).flatMap { try? TemplateProgram($0) }
    }
}
