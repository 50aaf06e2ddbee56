/// One question as a flat record: what questions.json, questions.csv and the
/// search index share, so the three never disagree about a question.
struct QuestionRecord: Equatable, Sendable {
    var id: String
    var recommendation: Int
    var recommendationTitle: String
    /// The briefing team's slug, and its short name as shown on badges.
    var team: String
    var teamName: String
    var status: QuestionStatus
    /// Plain text, without markup: data consumers want words, not our HTML.
    var text: String
    var answer: String?
    /// The meeting the question was asked at (its slug), and that meeting's date.
    var asked: String?
    var askedDate: Day?
    var answered: Day?
    /// From the site root, as the pages link it: `recommendations/11/index.html#q11.13`.
    var path: String
    /// The stable permalink `BASE/recommendations/11/#q11.13`, or `path` when the site has no base_url.
    var url: String

    /// Every question in site order: by recommendation number, then as listed.
    static func all(_ site: LinkedSite) -> [QuestionRecord] {
        let base = site.content.config.baseURL
        let pretty = SiteURLs(pretty: true)
        var records: [QuestionRecord] = []
        records.reserveCapacity(site.recommendations.reduce(0) { $0 + $1.questions.count })
        for r in site.recommendations {
            // Made once per recommendation: `serve` remakes every record on every build.
            let page = site.urls.recommendation(r.number) + "#"
            let permanent = base.isEmpty ? page : PageFrame.absolute(base, pretty.recommendation(r.number)) + "#"
            let teamName = site.briefing(r.briefing)?.team ?? r.briefing
            for q in r.questions {
                let anchor = SiteURLs.questionAnchor(q.id)
                records.append(QuestionRecord(
                    id: q.id, recommendation: r.number, recommendationTitle: r.title,
                    team: r.briefing, teamName: teamName,
                    status: q.status, text: site.text(.questionText(q.id)),
                    answer: q.answer == nil ? nil : site.text(.questionAnswer(q.id)),
                    asked: q.asked, askedDate: q.asked.flatMap { site.meetingDate($0) }, answered: q.answered,
                    path: page + anchor, url: permanent + anchor))
            }
        }
        return records
    }
}

/// Every question's record and, for a build that keeps no export memory, their fingerprint
/// (`ExportFingerprint.records`): made on a thread of their own while the build lists its
/// pages and folders, which take one core. Made by the first export instead, they kept the
/// exports queued after it waiting on the other core (10,000 records and their hash at 1250x8).
struct QuestionRecords: Sendable {
    var all: [QuestionRecord]
    var fingerprint: ContentHash?

    init(_ site: LinkedSite, fingerprinting: Bool) {
        all = QuestionRecord.all(site)
        fingerprint = fingerprinting && site.exportMemory == nil ? ExportFingerprint.records(all) : nil
    }
}
