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
        let pages = jobs(site).parallelMap { OutputFile(path: $0.path, bytes: $0.render()) }
        let assets = Theme.assets.sorted { $0.key < $1.key }.map { OutputFile(path: $0.key, bytes: $0.value) }
        return pages + exports(site, pages: pages.map(\.path)) + assets
    }

    /// Data for readers and machines: questions as JSON and CSV, the search index, the feed, the sitemap.
    func exports(_ site: LinkedSite, pages: [String]) -> [OutputFile] {
        let questions = QuestionRecord.all(site)
        return [QuestionsJSON().file(questions), QuestionsCSV().file(questions)]
            + SearchIndex().files(site, questions: questions)
            + [AtomFeed().file(site), Sitemap().file(baseURL: site.content.config.baseURL, pages: pages)]
    }
}
