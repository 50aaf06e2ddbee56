/// A file as the Render stage hands it on: its bytes, or none when the page's
/// fingerprint says it would come out as the last build left it.
struct RenderedFile: Sendable {
    var path: String
    /// Nil: kept from the last build, not rendered.
    var bytes: [UInt8]?
    /// What the page's bytes follow from (see `PageFingerprint`); nil for files that are always made.
    var fingerprint: ContentHash?
    /// Why the page has no bytes: its templates nest without end (see `TemplateNesting`).
    var failure: Diagnostic? = nil
}

/// Render stage: every page through its template, on both cores, in a fixed order.
///
/// Each file goes to `deliver` on the thread that made it, as soon as it is made,
/// so a build can write it and let its bytes go instead of holding the whole site.
struct RenderStage {
    let theme: Theme

    /// The page builders, in the order their files are listed.
    func jobs(_ site: LinkedSite) -> [PageJob] {
        HomePage().jobs(site)
            + RecommendationPages().jobs(site)
            + QuestionsPage().jobs(site)
            + BriefingPages().jobs(site)
            + MeetingPages().jobs(site)
            + FreePages().jobs(site)
            + SearchPage().jobs(site)
            + PackPages().jobs(site)
    }

    /// Files made by code rather than a template: their paths, known before they are made.
    struct Export: Sendable {
        var paths: [String]
        /// What the files follow from, for exports that can tell it cheaper than writing them.
        var fingerprint: (@Sendable () -> ContentHash)? = nil
        var make: @Sendable () -> [OutputFile]
    }

    /// Every path `run` delivers for `pages` (the site's `jobs`), in its order: pages,
    /// exports, theme assets, then `extra`.
    func paths(_ site: LinkedSite, pages: [PageJob], extra: [OutputFile]) -> [String] {
        let pages = pages.map(\.path)
        return pages + exports(site, pages: pages).flatMap(\.paths) + Self.assets.map(\.path) + extra.map(\.path)
    }

    /// Renders the site's `pages` (its `jobs`, made once per build) and hands every file to
    /// `deliver`, results in `paths` order. A page whose fingerprint `isUnchanged` accepts
    /// is not rendered; without `fingerprinting` none is computed (a build that keeps no
    /// state needs none).
    func run<R: Sendable>(_ site: LinkedSite, pages: [PageJob], extra: [OutputFile], fingerprinting: Bool,
                          isUnchanged: @escaping @Sendable (String, ContentHash) -> Bool,
                          deliver: @escaping @Sendable (RenderedFile) -> R) -> [R] {
        let exports = exports(site, pages: pages.map(\.path))
        let questions = site.questionPartials ?? QuestionPartials(theme: theme, places: site.questionPlaces, fingerprinting: fingerprinting)
        let theme = theme
        let ready = Self.assets + extra
        // The exports are few and large: queued first, each beside the pages on the other core.
        var work: [@Sendable () -> [R]] = exports.map { e in
            {
                questions.help()
                let fingerprint = fingerprinting ? e.fingerprint?() : nil
                if let fingerprint, e.paths.allSatisfy({ isUnchanged($0, fingerprint) }) {
                    return e.paths.map { deliver(RenderedFile(path: $0, bytes: nil, fingerprint: fingerprint)) }
                }
                return e.make().map { deliver(RenderedFile(path: $0.path, bytes: $0.bytes, fingerprint: fingerprint)) }
            }
        }
        work += pages.map { job in
            {
                questions.help()
                let context = job.context()
                // Only the pages that list many questions hand their partials to both cores.
                let sharing = Self.isAggregate(job) && theme.prerenderable.contains(job.template)
                let (fingerprint, size, shown) = fingerprinting
                    ? PageFingerprint.of(job, context, theme: theme, questions: questions, listing: sharing) : (nil, nil, [])
                if let fingerprint, isUnchanged(job.path, fingerprint) {
                    return [deliver(RenderedFile(path: job.path, bytes: nil, fingerprint: fingerprint))]
                }
                if shown.count >= Self.sharingThreshold { questions.share(shown) }
                do throws(Diagnostic) {
                    let bytes = try theme.renderBytes(job.template, context, expectedSize: size)
                    return [deliver(RenderedFile(path: job.path, bytes: bytes, fingerprint: fingerprint))]
                } catch {
                    return [deliver(RenderedFile(path: job.path, bytes: nil, failure: error))]
                }
            }
        }
        work.append { ready.map { deliver(RenderedFile(path: $0.path, bytes: $0.bytes)) } }
        // Longest first, so that neither core is left alone with a big page at the end:
        // the exports, then the pages that list every question, then the rest in order.
        let e = exports.count
        let aggregates = pages.indices.filter { Self.isAggregate(pages[$0]) }
        let others = pages.indices.filter { !Self.isAggregate(pages[$0]) }
        let order = Array(0..<e) + (aggregates + others).map { e + $0 } + Array((e + pages.count)..<work.count)
        let done = order.map { work[$0] }.parallelMap { $0() }
        var byWork = [[R]](repeating: [], count: work.count)
        for (i, w) in order.enumerated() { byWork[w] = done[i] }
        // Listed as `paths` lists them: pages, exports, then assets and extra files.
        return byWork[e..<(e + pages.count)].flatMap { $0 } + byWork[..<e].flatMap { $0 } + byWork[(e + pages.count)...].flatMap { $0 }
    }

    /// Questions a page must show before their partials are made on both cores (`QuestionPartials.share`):
    /// the pages that list a team's or every question show hundreds or thousands.
    static let sharingThreshold = 64

    /// Pages that list questions of many recommendations, by far the largest.
    static func isAggregate(_ job: PageJob) -> Bool {
        job.template == "questions" || job.template == "pack" || job.template == "briefing"
    }

    /// Every file in memory: what `check` and the tests read. `failures`: the pages
    /// that could not be rendered, each error once. `pages`: the site's `jobs`, when made already.
    func files(_ site: LinkedSite, pages: [PageJob]? = nil, extra: [OutputFile] = []) -> (files: [OutputFile], failures: [Diagnostic]) {
        let made = run(site, pages: pages ?? jobs(site), extra: extra, fingerprinting: false, isUnchanged: { _, _ in false }) { file -> Result<OutputFile, Diagnostic> in
            if let failure = file.failure { return .failure(failure) }
            // Buffers grow by doubling; held until the end, a page keeps only its bytes.
            var bytes = file.bytes ?? []
            if bytes.capacity > bytes.count + bytes.count / 8 + 4096 { bytes = bytes.withUnsafeBufferPointer { Array($0) } }
            return .success(OutputFile(path: file.path, bytes: bytes))
        }
        return (made.compactMap { try? $0.get() }, Self.unique(made.compactMap { if case .failure(let d) = $0 { d } else { nil } }))
    }

    /// Each error once, in the order met: every page of a looping template fails the same way.
    static func unique(_ failures: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return failures.filter { seen.insert($0).inserted }
    }

    static var assets: [OutputFile] {
        Theme.assets.sorted { $0.key < $1.key }.map { OutputFile(path: $0.key, bytes: $0.value) }
    }

    /// Data for readers and machines: questions as JSON and CSV, the search index, the feed, the sitemap.
    func exports(_ site: LinkedSite, pages: [String]) -> [Export] {
        let questions = Shared { site.questionRecords?.value.all ?? QuestionRecord.all(site) }
        let records = Shared {
            site.questionRecords?.value.fingerprint
                ?? site.exportMemory?.recordsFingerprint(questions.value) ?? ExportFingerprint.records(questions.value)
        }
        let entries = Shared { AtomFeed.entries(site) }
        return [
            Export(paths: [QuestionsJSON.path], fingerprint: { records.value }) { [QuestionsJSON().file(questions.value)] },
            Export(paths: [QuestionsCSV.path], fingerprint: { records.value }) { [QuestionsCSV().file(questions.value)] },
            Export(paths: [SearchIndex.jsonPath, SearchIndex.scriptPath]) { SearchIndex().files(site, questions: questions.value, memory: site.exportMemory) },
            Export(paths: [AtomFeed.path], fingerprint: { ExportFingerprint.feed(site.content.config, entries.value) }) {
                [AtomFeed().file(site, entries: entries.value)]
            },
            Export(paths: [Sitemap.path]) { [Sitemap().file(baseURL: site.content.config.baseURL, pages: pages)] },
        ]
    }
}
