/// Markdown and Link stages, fused per field: cmark trees are not `Sendable`, so
/// each task parses, links and renders its own tree, and only strings leave it.
struct MarkdownStage: Sendable {
    let targets: LinkTargets
    let urls: SiteURLs
    let unsafeHTML: Bool

    func run(_ content: SiteContent) -> [MarkdownResult] {
        jobs(content).parallelMap(render)
    }

    /// A field and everything its rendering reads: the job itself, and the stage's
    /// link targets and options as one fingerprint.
    struct Key: Hashable, Sendable {
        var job: FieldKey
        var text: MarkdownText
        var source: Backlink
        var home: Int?
        var headingTop: Int
        var stage: ContentHash

        /// The field's name and the stage only: a site names each field once, and hashing
        /// every field's whole text cost more than comparing the one candidate.
        func hash(into h: inout Hasher) {
            h.combine(job)
            h.combine(stage)
        }
    }

    /// `run`, taking a field's result from `previous` when nothing it reads changed,
    /// and returning this build's results for the next one (see `BuildMemory`).
    func run(_ content: SiteContent, reusing previous: [Key: MarkdownResult]) -> ([MarkdownResult], [Key: MarkdownResult]) {
        let stage = fingerprint
        let keyed = jobs(content).map { job in
            (job, Key(job: job.key, text: job.text, source: job.source, home: job.home, headingTop: job.headingTop, stage: stage))
        }
        let results = keyed.parallelMap { job, key in previous[key] ?? render(job) }
        var kept: [Key: MarkdownResult] = [:]
        kept.reserveCapacity(results.count)
        for (i, r) in results.enumerated() { kept[keyed[i].1] = r }
        return (results, kept)
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

    /// Every Markdown field of the site, each with the page section that shows it.
    func jobs(_ content: SiteContent) -> [MarkdownJob] {
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
