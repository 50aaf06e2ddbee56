/// `meetings/index.html`, one page per meeting, and `action-items/index.html`.
struct MeetingPages {
    func jobs(_ site: LinkedSite) -> [PageJob] {
        var jobs = [PageJob(path: SiteURLs.file("meetings"), template: "meetings") {
            let frame = PageFrame(site: site, dir: "meetings")
            var ctx = frame.context(title: "Meetings", section: "meetings", crumbs: [.init(label: "Meetings")])
            ctx["meetings"] = site.meetings.map { m -> ContextFields in
                let asked = site.references.askedAt[m.slug]?.count ?? 0
                var v: ContextFields = ["title": m.title, "url": frame.url(site.urls.meeting(m.slug)),
                                        "questionCount": asked, "actionCount": m.actionItems.count, "decisionCount": m.decisions.count,
                                        "summary": Views.meetingSummary(asked: asked, m)]
                if let d = m.date { v["date"] = d.iso }
                if let n = m.number { v["number"] = n }
                return v
            }
            return ctx
        }]
        for m in site.meetings {
            jobs.append(PageJob(path: SiteURLs.file("meetings/\(m.slug)"), template: "meeting") {
                Self.context(m, site: site)
            })
        }
        jobs.append(PageJob(path: SiteURLs.file("action-items"), template: "action-items") {
            let frame = PageFrame(site: site, dir: "action-items")
            var ctx = frame.context(title: "Action items", section: "action-items", crumbs: [.init(label: "Action items")])
            var open = 0
            ctx["items"] = site.meetings.flatMap { m in
                m.actionItems.map { a -> ContextFields in
                    if a.status == .open { open += 1 }
                    var v = Self.actionItem(a, frame: frame)
                    v["meeting"] = ["title": m.title, "url": frame.url(site.urls.meeting(m.slug))]
                    return v
                }
            }
            ctx["openCount"] = open
            return ctx
        })
        return jobs
    }

    static func actionItem(_ a: ActionItem, frame: PageFrame) -> ContextFields {
        var v: ContextFields = ["id": a.id, "anchor": SiteURLs.actionAnchor(a.id), "text": frame.html(.actionItem(a.id)),
                                "status": a.status.rawValue, "statusLabel": a.status == .open ? "Open" : "Done"]
        if let o = a.owner { v["owner"] = o }
        if let d = a.due { v["due"] = d.iso }
        return v
    }

    static func context(_ m: Meeting, site: LinkedSite) -> ContextFields {
        let frame = PageFrame(site: site, dir: "meetings/\(m.slug)")
        let views = Views(frame: frame)
        var ctx = frame.context(title: m.title, section: "meetings", crumbs: [.init(label: "Meetings", dir: "meetings"), .init(label: m.title)])
        ctx["body"] = frame.html(.meetingBody(m.slug))
        if let d = m.date { ctx["date"] = d.iso }
        if let n = m.number { ctx["number"] = n }
        ctx["attendees"] = m.attendees
        ctx["apologies"] = m.apologies
        ctx["materials"] = views.materials(m.materials)
        ctx["decisions"] = m.decisions.indices.map { frame.html(.decision(meeting: m.slug, index: $0)) }
        ctx["actionItems"] = m.actionItems.map { actionItem($0, frame: frame) }
        let asked = (site.references.askedAt[m.slug] ?? []).compactMap { id -> ContextFields? in
            let n = QuestionOrder.parts(id).0
            guard let r = site.recommendation(n), let q = r.questions.first(where: { $0.id == id }) else { return nil }
            return ["id": id, "url": frame.url(site.urls.question(id, recommendation: n)), "text": site.text(.questionText(q.id)),
                    "status": q.status.rawValue, "statusLabel": Views.statusLabel(q.status), "badge": views.badge(r.briefing)]
        }
        ctx["asked"] = asked; ctx["askedCount"] = asked.count
        let briefed = site.briefings.filter { $0.meeting == m.slug }.map { ["title": $0.title, "url": frame.url(site.urls.briefing($0.slug))] }
        ctx["briefings"] = briefed
        let refs = views.backlinks(.meeting(m.slug))
        ctx["backlinks"] = refs
        return ctx
    }
}
