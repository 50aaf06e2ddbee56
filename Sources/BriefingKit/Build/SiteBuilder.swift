import Foundation

/// The build as a named sequence of stages:
/// scan → load → validate → link → theme → render → write.
public struct SiteBuilder: Sendable {
    public struct Options: Sendable {
        public var source: URL
        /// How the source folder is shown in diagnostics ("" for the current folder).
        public var displaySource: String
        public var output: URL
        /// Overrides `base_url` from briefing.yml.
        public var baseURL: String?
        /// Render each question's partial once and share it between pages (off only to prove it changes nothing).
        var shareRenderedQuestions = true
        /// Run templates on `TemplateRenderer` (off only to prove it renders what swift-mustache renders).
        var fastTemplates = true
        /// Keep what this build decoded, rendered and parsed for the next build of the site in
        /// this process, and start from what the last one kept (`BuildMemory`): for `serve`.
        /// A lone build leaves it off, as keeping would only cost memory.
        public var remembersBuilds = false

        public init(source: URL, displaySource: String? = nil, output: URL, baseURL: String? = nil) {
            self.source = source.standardizedFileURL
            self.displaySource = displaySource ?? source.path
            self.output = output.standardizedFileURL
            self.baseURL = baseURL
        }
    }

    public struct Result: Sendable {
        public var diagnostics: Diagnostics
        /// Files of the site, when the build got that far.
        public var files: [OutputFile] = []
        public var write: OutputWriter.Report?
        /// The pages `build()` rendered, in build order; the others kept last build's file.
        public var renderedPages: [String] = []
        /// The files `build()` did not make at all, their fingerprint unchanged: pages and exports.
        public var keptFiles: [String] = []
        public var timings: [(stage: String, seconds: Double)] = []
        /// The build failed after it had begun replacing files in the output, which is then
        /// part old, part new, with no state, so the next build is a full one. Otherwise a
        /// failed build left the output as it was.
        public var partlyWritten = false
        public var succeeded: Bool { !diagnostics.hasErrors }
        public var pageCount: Int { files.filter { OutputFile.isPage($0.path) }.count }
    }

    public let options: Options

    public init(_ options: Options) { self.options = options }

    /// Everything but writing: what `check` runs. `files` holds every file's bytes.
    public func make() -> Result {
        var (plan, result) = prepare(scanned: nil, forBuild: false)
        guard let plan else { return result }
        let start = ContinuousClock.now
        let (files, failures) = plan.stage.files(plan.site, pages: plan.pages, extra: plan.extra)
        result.files = failures.isEmpty ? files : []
        result.diagnostics.append(contentsOf: failures)
        result.timings.append(("render", Self.seconds(ContinuousClock.now - start)))
        return result
    }

    /// The site, linked and ready to render, when the sources are good.
    struct Plan {
        var site: LinkedSite
        var stage: RenderStage
        /// The page jobs, listed once: `paths` is made from them before anything is rendered.
        var pages: [PageJob]
        /// lunr.js and `static/`: read before anything is written, so that no error can come after.
        var extra: [OutputFile]
        var paths: [String]
    }

    /// scan → load → validate → link → theme, and the files that are copied rather than rendered.
    /// `forBuild`: the plan is for `build()`, which fingerprints every page and so every
    /// question; `make()` needs no fingerprints.
    func prepare(scanned: SourceTree?, read: [SourceTree.Read?] = [], forBuild: Bool) -> (Plan?, Result) {
        var result = Result(diagnostics: Diagnostics())
        var clock = ContinuousClock.now
        func lap(_ name: String) {
            let now = ContinuousClock.now
            result.timings.append((name, Self.seconds(now - clock)))
            clock = now
        }

        if let problem = OutputPlacement.problem(source: options.source, output: options.output) {
            result.diagnostics.error(SourceLocation(path: options.output.path), problem)
            return (nil, result)
        }
        let tree = scanned ?? SourceTree(root: options.source, displayRoot: options.displaySource, excluding: options.output)
        lap("scan")
        // Templates depend on no content: parsed beside loading, on the core that reading
        // the state and the folders leaves idle.
        let memorySite = BuildMemory.site(options)
        let last = options.remembersBuilds ? BuildMemory.shared.last(memorySite) : BuildMemory.Generation()
        let (templates, lastTheme) = (tree.templates, last.theme)
        let loadingTheme = Prepared { Theme.load(overrides: templates, reusing: lastTheme) }
        var next = BuildMemory.Generation()
        // A lone build keeps nothing for a next one: no memory to key its work by.
        var (content, diagnostics, decoded) = ContentLoader().load(tree, reusing: options.remembersBuilds ? last.decoded : nil, read: read)
        next.decoded = decoded
        if let base = options.baseURL { content.config.baseURL = base }
        lap("load")
        // The checks across files and the Markdown stage's job list read only the content: made
        // beside the link targets, which take one core.
        let loaded = content
        let validating = Prepared { SiteValidator().validate(loaded) }
        let urls = SiteURLs(pretty: content.config.prettyLinks)
        let listing = Prepared { MarkdownStage.jobs(loaded, urls: urls) }
        let stage = MarkdownStage(targets: LinkTargets(content, urls: urls), urls: urls, unsafeHTML: content.config.unsafeHTML)
        let jobs = listing.value
        let (results, rendered) = options.remembersBuilds ? stage.run(jobs, reusing: last.markdown) : (stage.run(jobs), MarkdownStage.Memory())
        next.markdown = rendered
        diagnostics.append(contentsOf: validating.value)
        // The fragments by field, beside the cross-references (whose two halves are uneven).
        let collecting = Prepared {
            var fragments: [FieldKey: Fragment] = [:]
            fragments.reserveCapacity(results.count)
            for r in results { fragments[r.key] = r.fragment }
            return fragments
        }
        for r in results { diagnostics.append(contentsOf: r.diagnostics) }
        let references = CrossReferences(content: content, results: results, diagnostics: &diagnostics)
        let fragments = collecting.value
        // Seventeen thousand jobs and results at 1250x8, the texts kept in `fragments` (and in
        // `rendered` for `serve`): freeing the rest took the main thread 5 ms.
        releaseInBackground((consume listing, consume jobs, consume results, consume collecting))
        lap("markdown+link")
        var (theme, themeDiagnostics) = loadingTheme.value
        next.theme = theme
        if !options.shareRenderedQuestions { theme = theme?.unshared() }
        if !options.fastTemplates { theme = theme?.mustacheOnly() }
        diagnostics.append(contentsOf: themeDiagnostics)
        lap("theme")
        let earlier = last.theme != nil && last.theme?.identity == next.theme?.identity ? last.questions : QuestionPartials.Memory()
        if options.remembersBuilds { BuildMemory.shared.keep(next, for: memorySite) }
        result.diagnostics = diagnostics
        guard let theme, !diagnostics.hasErrors else { return (nil, result) }

        var site = LinkedSite(content: content, fragments: fragments, references: references, urls: urls)
        site.questionPartials = QuestionPartials(theme: theme, places: site.questionPlaces, earlier: earlier, fingerprinting: forBuild, remember: forBuild && options.remembersBuilds)
        if forBuild && options.remembersBuilds { site.exportMemory = ExportMemory(earlier: last.exports, remember: true) }
        let linked = site
        site.questionRecords = Prepared { QuestionRecords(linked, fingerprinting: forBuild) }
        let render = RenderStage(theme: theme)
        let lunr = LunrScript.read()
        result.diagnostics.append(contentsOf: lunr.diagnostics)
        let pages = render.jobs(site)
        let made = render.paths(site, pages: pages, extra: lunr.files)
        let statics = StaticFiles.read(tree, reserved: Set(made))
        result.diagnostics.append(contentsOf: statics.diagnostics)
        lap("static")
        guard !result.diagnostics.hasErrors else { return (nil, result) }
        return (Plan(site: site, stage: render, pages: pages, extra: lunr.files + statics.files, paths: made + statics.files.map(\.path)), result)
    }

    /// Builds and, when nothing is wrong, replaces the output folder.
    ///
    /// Incremental when the output folder holds the state of the build that made it
    /// (see docs/incremental.md): nothing changed and the output untouched, it stops
    /// after hashing the sources; otherwise pages whose fingerprint is unchanged are
    /// not rendered, and only files whose bytes changed are written. Files are written
    /// as they are rendered, so `files` lists paths only.
    public func build() -> Result {
        let start = ContinuousClock.now
        guard OutputPlacement.problem(source: options.source, output: options.output) == nil else { return make() }
        // The last build's state is read while the sources are listed, then checked against
        // the output (a stat per file and folder) while the sources it does not vouch for are
        // read and hashed on both cores.
        let output = options.output
        let reading = Prepared { BuildState.read(in: output) }
        let tree = SourceTree(root: options.source, displayRoot: options.displaySource, excluding: options.output)
        let recorded = reading.value
        let checking = Prepared { recorded.flatMap { $0.describes(output) ? $0 : nil } }
        var inputs = BuildInputs(tree: tree, options: options, previous: recorded)
        // The sources' bytes go with the Load stage, not on with the build.
        let read = inputs.content
        inputs.content = []
        let previous = checking.value
        if let previous, previous.key == inputs.key, previous.inputs == inputs.hashes {
            releaseInBackground(consume read)
            var result = Result(diagnostics: Diagnostics())
            result.diagnostics.append(contentsOf: previous.diagnostics)
            result.files = previous.outputOrder.map { OutputFile(path: $0, bytes: []) }
            result.write = OutputWriter.Report(written: 0, unchanged: previous.outputs.count, removed: 0,
                                                  kept: previous.fingerprints.keys.filter(OutputFile.isPage).count)
            result.timings = [("unchanged", Self.seconds(ContinuousClock.now - start))]
            return result
        }
        var (prepared, result) = prepare(scanned: tree, read: consume read, forBuild: true)
        guard let plan = consume prepared else { return result }
        defer { releaseInBackground(consume plan) }
        let writeStart = ContinuousClock.now
        // A theme whose nesting no check could bound (a partial the data names) may fail a page
        // after writing began: it writes into a staging folder, so that the last site stays whole.
        let inPlace = plan.stage.theme.nesting.bounded
            ? previous.flatMap { OutputWriter.canUpdate(paths: plan.paths, previous: $0) ? $0 : nil } : nil
        // Fingerprints hold only for the same tool and options (the key) over an output the state describes.
        let kept: [String: ContentHash] = inPlace.map { $0.key == inputs.key ? $0.fingerprints : [:] } ?? [:]
        do {
            let writer = OutputWriter(output: options.output)
            let session = try inPlace.map { try writer.updating(paths: plan.paths, previous: $0) } ?? writer.staging(paths: plan.paths)
            let outcomes = plan.stage.run(plan.site, pages: plan.pages, extra: plan.extra, fingerprinting: true,
                                          isUnchanged: { path, fingerprint in kept[path] == fingerprint },
                                          deliver: { session.put($0) })
            let failures = RenderStage.unique(outcomes.compactMap { if case .failure(.render(let d)) = $0 { d } else { nil } })
            guard failures.isEmpty else {
                session.discard(outcomes)
                result.diagnostics.append(contentsOf: failures)
                result.timings.append(("render+write", Self.seconds(ContinuousClock.now - writeStart)))
                return result
            }
            let made = outcomes.compactMap { try? $0.get() }
            result.renderedPages = made.filter { !$0.kept && OutputFile.isPage($0.path) }.map(\.path)
            result.keptFiles = made.filter(\.kept).map(\.path)
            var state = BuildState(key: inputs.key)
            state.inputs = inputs.hashes
            state.inputStamps = inputs.stamps
            state.started = inputs.started
            state.diagnostics = result.diagnostics.all
            result.write = try session.finish(outcomes, state: &state)
            result.files = plan.paths.map { OutputFile(path: $0, bytes: []) }
            if options.remembersBuilds, let partials = plan.site.questionPartials {
                BuildMemory.shared.keep(questions: partials.made, exports: plan.site.exportMemory?.made ?? ExportMemory.Kept(),
                                        for: BuildMemory.site(options))
            }
        } catch {
            if case OutputWriter.Failure.incomplete = error { result.partlyWritten = true }
            result.diagnostics.error(SourceLocation(path: options.output.path), "\(error)")
        }
        result.timings.append(("render+write", Self.seconds(ContinuousClock.now - writeStart)))
        return result
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// Where the output folder may not be: anywhere a swap would move or delete sources.
enum OutputPlacement {
    static func problem(source: URL, output: URL) -> String? {
        let s = source.resolvingSymlinksInPath().standardizedFileURL.path
        let o = output.resolvingSymlinksInPath().standardizedFileURL.path
        func inside(_ a: String, _ b: String) -> Bool { a == b || a.hasPrefix(b.hasSuffix("/") ? b : b + "/") }
        if o == "/" || inside(s, o) {
            return "the output folder \(output.path) contains the source folder; choose a folder of its own, such as site/"
        }
        for sub in ["content", "templates", "static"] where inside(o, s + "/" + sub) {
            return "the output folder \(output.path) is inside \(sub)/; choose a folder outside the sources, such as site/"
        }
        let fm = FileManager.default
        // A build replaces the output whole: never do that to a folder we did not make.
        if let names = try? fm.contentsOfDirectory(atPath: o), !names.isEmpty, !names.contains("index.html") {
            return "the output folder \(output.path) is not empty and does not look like a built site (no index.html); a build replaces it whole, so remove it or choose another folder"
        }
        return nil
    }
}

/// `static/`: copied verbatim, never over a generated file.
enum StaticFiles {
    static func read(_ tree: SourceTree, reserved: Set<String>) -> (files: [OutputFile], diagnostics: Diagnostics) {
        var d = Diagnostics()
        var files: [OutputFile] = []
        // The folders generated files sit in: a static file there would have to be a folder too.
        let folders = OutputWriter.folders(of: reserved)
        for (rel, url) in tree.staticFiles {
            let shown = tree.displayRoot + "static/" + rel
            if reserved.contains(rel) {
                d.error(SourceLocation(path: shown), "static file would replace the generated \(rel)")
                continue
            }
            if folders.contains(rel) {
                d.error(SourceLocation(path: shown), "static file would replace the folder of generated pages \(rel)/")
                continue
            }
            if let underFile = OutputWriter.folders(of: [rel]).filter(reserved.contains).min(by: { $0.utf8.count < $1.utf8.count }) {
                d.error(SourceLocation(path: shown), "static file would need a folder where the generated \(underFile) is")
                continue
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                d.error(SourceLocation(path: shown), "cannot read file")
                continue
            }
            files.append(OutputFile(path: rel, bytes: [UInt8](data)))
        }
        return (files, d)
    }
}
