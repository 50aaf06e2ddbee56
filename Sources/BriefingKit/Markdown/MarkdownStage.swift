/// Markdown and Link stages, fused per field: cmark trees are not `Sendable`, so
/// each task parses, links and renders its own tree, and only strings leave it.
struct MarkdownStage: Sendable {
    let targets: LinkTargets
    let urls: SiteURLs
    let unsafeHTML: Bool

    /// Every Markdown field of `content`, rendered (the fuzzer and the tests start from content).
    func run(_ content: SiteContent) -> [MarkdownResult] {
        run(Self.jobs(content, urls: urls))
    }

    /// The fields of `jobs` (the site's, as `jobs(_:urls:)` lists them), rendered on both cores.
    func run(_ jobs: [MarkdownJob]) -> [MarkdownResult] {
        jobs.parallelMap(render)
    }

    /// One build's jobs and results, in job order, with the stage they were rendered by.
    struct Memory: Sendable {
        var stage: ContentHash?
        var jobs: [MarkdownJob] = []
        var results: [MarkdownResult] = []
    }

    /// `run(_:reusing:)` on every Markdown field of `content`.
    func run(_ content: SiteContent, reusing previous: Memory) -> ([MarkdownResult], Memory) {
        run(Self.jobs(content, urls: urls), reusing: previous)
    }

    /// `run`, taking a field's result from `previous` when nothing it reads changed,
    /// and returning this build's for the next one (see `BuildMemory`).
    ///
    /// A rebuild lists the fields in the last build's order, save around an added or a
    /// removed one: each job is compared with the one at its place first, and only jobs
    /// found elsewhere are looked up by field. Keeping the memory as a dictionary copied
    /// and hashed every job on every rebuild (17 ms of one core at 1250x8).
    func run(_ jobs: [MarkdownJob], reusing previous: Memory) -> ([MarkdownResult], Memory) {
        let stage = fingerprint
        let earlier = previous.stage == stage ? previous : Memory()
        var reused = [MarkdownResult?](repeating: nil, count: jobs.count)
        var moved: [FieldKey: Int]?
        for (i, job) in jobs.enumerated() {
            if i < earlier.jobs.count, earlier.jobs[i] == job {
                reused[i] = earlier.results[i]
                continue
            }
            if moved == nil {
                moved = Dictionary(earlier.jobs.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
            }
            if let j = moved?[job.key], earlier.jobs[j] == job { reused[i] = earlier.results[j] }
        }
        let found = reused
        let results = Array(jobs.indices).parallelMap { i in found[i] ?? render(jobs[i]) }
        return (results, Memory(stage: stage, jobs: jobs, results: results))
    }

    /// Every link target (number, id or slug → label, title, path) and the options.
    /// Targets are summed as `PageFingerprint` sums a dictionary's entries, so that
    /// neither sorting them nor printing their keys is paid on every build.
    var fingerprint: ContentHash {
        var w = PageFingerprint.Writer(questions: nil)
        w.bool(urls.pretty)
        w.bool(unsafeHTML)
        func add(_ t: LinkTarget, _ w: inout PageFingerprint.Writer) {
            switch t.key {
            case .recommendation(let n): w.byte(1); w.int(n)
            case .question(let id): w.byte(2); w.string(id)
            case .briefing(let slug): w.byte(3); w.string(slug)
            case .meeting(let slug): w.byte(4); w.string(slug)
            case .page(let slug): w.byte(5); w.string(slug)
            }
            w.string(t.label)
            w.string(t.title)
            w.string(t.path)
        }
        _ = w.unordered(targets.recommendations.values, count: targets.recommendations.count) { w, t in add(t, &w); return true }
        _ = w.unordered(targets.questions.values, count: targets.questions.count) { w, t in add(t, &w); return true }
        _ = w.unordered(targets.slugs, count: targets.slugs.count) { w, entry in
            w.string(entry.key)
            w.word(UInt64(entry.value.count))
            for t in entry.value { add(t, &w) }
            return true
        }
        return w.hash
    }

    func render(_ job: MarkdownJob) -> MarkdownResult {
        let doc = MarkdownDocument(job.text)
        doc.placeHeadings(top: job.headingTop)
        let (uses, diagnostics) = LinkRewriter(targets: targets, home: job.home).rewrite(doc)
        let fragment = Fragment(html: doc.html(unsafe: unsafeHTML), text: doc.plainText())
        return MarkdownResult(key: job.key, fragment: fragment, source: job.source, uses: uses, diagnostics: diagnostics)
    }

    /// Every Markdown field of the site, each with the page section that shows it. Needs no
    /// link targets, so a build lists the jobs while it makes them.
    static func jobs(_ content: SiteContent, urls: SiteURLs) -> [MarkdownJob] {
        var jobs: [MarkdownJob] = []
        for r in content.recommendations {
            let page = Backlink(label: "Rec \(r.number): \(r.title)", path: urls.recommendation(r.number), order: .recommendation(r.number))
            jobs.append(MarkdownJob(key: .recommendationBody(r.number), text: r.body, source: page, home: r.number, headingTop: 2))
            for q in r.questions {
                let at = Backlink(label: "Question \(q.id)", path: urls.question(q.id, recommendation: r.number), order: .question(q.id))
                jobs.append(MarkdownJob(key: .questionText(q.id), text: q.text, source: at, home: r.number, headingTop: 4))
                if let a = q.answer {
                    jobs.append(MarkdownJob(key: .questionAnswer(q.id), text: a, source: Backlink(label: "Answer to \(q.id)", path: at.path, order: at.order), home: r.number, headingTop: 4))
                }
            }
        }
        for b in content.briefings {
            let page = Backlink(label: b.title, path: urls.briefing(b.slug), order: .briefing(b.slug))
            jobs.append(MarkdownJob(key: .briefingBody(b.slug), text: b.body, source: page, home: nil, headingTop: 2))
        }
        for m in content.meetings {
            let page = Backlink(label: m.title, path: urls.meeting(m.slug), order: .meeting(m.slug))
            jobs.append(MarkdownJob(key: .meetingBody(m.slug), text: m.body, source: page, home: nil, headingTop: 2))
            for (i, d) in m.decisions.enumerated() {
                jobs.append(MarkdownJob(key: .decision(meeting: m.slug, index: i), text: d, source: page, home: nil, headingTop: 4))
            }
            for a in m.actionItems {
                let at = Backlink(label: "\(m.title), action item \(a.id)", path: page.path + "#" + SiteURLs.actionAnchor(a.id), order: page.order)
                jobs.append(MarkdownJob(key: .actionItem(a.id), text: a.text, source: at, home: nil, headingTop: 4))
            }
        }
        for p in content.pages {
            let page = Backlink(label: p.title, path: p.slug == "index" ? urls.page(dir: "") : urls.page(p.slug), order: .page(p.slug))
            jobs.append(MarkdownJob(key: .pageBody(p.slug), text: p.body, source: page, home: nil, headingTop: 2))
        }
        return jobs
    }
}
