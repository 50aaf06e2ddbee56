/// `<slug>/index.html` for each free page, and `404.html`.
struct FreePages {
    func jobs(_ site: LinkedSite) -> [PageJob] {
        var jobs = site.pages.filter { $0.slug != "index" }.map { p in
            PageJob(path: SiteURLs.file(p.slug), template: "page") {
                let frame = PageFrame(site: site, dir: p.slug)
                var ctx = frame.context(title: p.title, section: "", crumbs: [.init(label: p.title)])
                ctx["body"] = frame.html(.pageBody(p.slug))
                let refs = Views(frame: frame).backlinks(.page(p.slug))
                ctx["backlinks"] = refs
                return ctx
            }
        }
        jobs.append(PageJob(path: "404.html", template: "not-found") {
            // Served for any missing path, so its links cannot be relative: use base_url when there is one.
            let frame = PageFrame(site: site, dir: "")
            var ctx = frame.context(title: "Page not found", section: "", crumbs: [])
            let base = site.content.config.baseURL
            if !base.isEmpty {
                let absolute = PageFrame.absolute(base, "")
                ctx["root"] = absolute
                ctx["homeURL"] = absolute
                ctx["searchAction"] = absolute + SiteURLs.file("search")
                ctx["nav"] = PageFrame.sections.map { ["label": $0.label, "url": absolute + site.urls.page(dir: $0.dir)] }
                if ctx["hasPages"] != nil { ctx["pages"] = frame.freePages(prefix: absolute) }
            }
            ctx["pageTitle"] = "Page not found · \(site.content.config.title)"
            return ctx
        })
        return jobs
    }
}
