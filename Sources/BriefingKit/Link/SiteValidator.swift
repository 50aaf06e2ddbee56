/// Checks that span files: uniqueness and front-matter references. Markdown
/// references are checked where they are resolved, in the Link stage.
struct SiteValidator {
    func validate(_ content: SiteContent) -> Diagnostics {
        var d = Diagnostics()
        var numbers: [Int: Recommendation] = [:]
        var questionIDs: [String: Question] = [:]
        var actionIDs: [String: ActionItem] = [:]
        let briefings = Set(content.briefings.map(\.slug))
        let meetings = Set(content.meetings.map(\.slug))

        for r in content.recommendations {
            if let first = numbers[r.number] {
                d.error(r.numberLocation, "duplicate recommendation number \(r.number): already used by \(first.path)")
            } else {
                numbers[r.number] = r
            }
            if !briefings.contains(r.briefing) {
                d.error(r.briefingLocation, "briefing '\(r.briefing)' does not exist: no content/briefings/\(r.briefing).md")
            }
            for q in r.questions {
                if let first = questionIDs[q.id] {
                    d.error(q.location, "duplicate question id \(q.id): already used at \(first.location)")
                } else {
                    questionIDs[q.id] = q
                }
                if let asked = q.asked, !meetings.contains(asked) {
                    d.error(q.askedLocation ?? q.location, "meeting '\(asked)' does not exist: no content/meetings/\(asked).md")
                }
            }
        }
        for b in content.briefings {
            if let m = b.meeting, !meetings.contains(m) {
                d.error(b.meetingLocation ?? SourceLocation(path: b.path), "meeting '\(m)' does not exist: no content/meetings/\(m).md")
            }
        }
        for m in content.meetings {
            for a in m.actionItems {
                if let first = actionIDs[a.id] {
                    d.error(a.location, "duplicate action item id \(a.id): already used at \(first.location)")
                } else {
                    actionIDs[a.id] = a
                }
            }
        }
        for p in content.pages where SiteURLs.reserved.contains(p.slug) && p.slug != "index" {
            d.error(SourceLocation(path: p.path), "a free page cannot be named '\(p.slug)': the site's own \(p.slug)/ section lives there")
        }
        var owners: [String: String] = [:]
        for (slug, path) in content.briefings.map({ ($0.slug, $0.path) }) + content.meetings.map({ ($0.slug, $0.path) }) + content.pages.map({ ($0.slug, $0.path) }) {
            if let first = owners[slug] {
                d.warning(SourceLocation(path: path), "slug '\(slug)' is also used by \(first): [[\(slug)]] would be ambiguous")
            } else {
                owners[slug] = path
            }
        }
        return d
    }
}
