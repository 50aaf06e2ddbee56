/// Render stage: every page through its template, on both cores, in a fixed order.
struct RenderStage {
    let theme: Theme

    /// The page builders, in the order their files are listed.
    func jobs(_ site: LinkedSite) -> [PageJob] {
        HomePage().jobs(site, theme)
            + RecommendationPages().jobs(site, theme)
            + QuestionsPage().jobs(site, theme)
            + BriefingPages().jobs(site, theme)
            + MeetingPages().jobs(site, theme)
            + FreePages().jobs(site, theme)
            + SearchPage().jobs(site, theme)
            + PackPages().jobs(site, theme)
    }

    func run(_ site: LinkedSite) -> [OutputFile] {
        let pages = jobs(site)
        let paths = pages.map(\.path)
        // The exports are few and large: queued first, each beside the pages on the other core.
        let exports = exportJobs(site, pages: paths)
        let work: [@Sendable () -> [OutputFile]] = exports + pages.map { job in { [OutputFile(path: job.path, bytes: job.render())] } }
        let done = work.parallelMap { $0() }
        let assets = Theme.assets.sorted { $0.key < $1.key }.map { OutputFile(path: $0.key, bytes: $0.value) }
        return done[exports.count...].flatMap { $0 } + done[..<exports.count].flatMap { $0 } + assets
    }

    /// `exports` split into jobs that can run at the same time; their files in `exports` order.
    func exportJobs(_ site: LinkedSite, pages: [String]) -> [@Sendable () -> [OutputFile]] {
        let questions = QuestionRecord.all(site)
        return [
            { [QuestionsJSON().file(questions)] },
            { [QuestionsCSV().file(questions)] },
            { SearchIndex().files(site, questions: questions) },
            { [AtomFeed().file(site)] },
            { [Sitemap().file(baseURL: site.content.config.baseURL, pages: pages)] },
        ]
    }

    /// Data for readers and machines: questions as JSON and CSV, the search index, the feed, the sitemap.
    func exports(_ site: LinkedSite, pages: [String]) -> [OutputFile] {
        exportJobs(site, pages: pages).flatMap { $0() }
    }
}
