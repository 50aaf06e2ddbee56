/// `search/index.html`: the search form and results. The page itself holds no
/// results; `assets/search.js` reads `?q=` and searches `search-index.js` with lunr.
struct SearchPage {
    func jobs(_ site: LinkedSite) -> [PageJob] {
        [PageJob(path: SiteURLs.file("search"), template: "search") {
            let frame = PageFrame(site: site, dir: "search")
            var ctx = frame.context(title: "Search", section: "search", crumbs: [.init(label: "Search")])
            ctx["questionsURL"] = frame.url(site.urls.page(dir: "questions"))
            ctx["csvURL"] = frame.url(QuestionsCSV.path)
            ctx["indexScript"] = frame.url(SearchIndex.scriptPath)
            ctx["lunrScript"] = frame.url(LunrScript.outputPath)
            return ctx
        }]
    }
}
