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
        return site.recommendations.flatMap { r in
            r.questions.map { q in
                let path = site.urls.question(q.id, recommendation: r.number)
                return QuestionRecord(
                    id: q.id, recommendation: r.number, recommendationTitle: r.title,
                    team: r.briefing, teamName: site.briefing(r.briefing)?.team ?? r.briefing,
                    status: q.status, text: site.text(.questionText(q.id)),
                    answer: q.answer == nil ? nil : site.text(.questionAnswer(q.id)),
                    asked: q.asked, askedDate: q.asked.flatMap { site.meeting($0)?.date }, answered: q.answered,
                    path: path,
                    url: base.isEmpty ? path : PageFrame.absolute(base, pretty.question(q.id, recommendation: r.number)))
            }
        }
    }
}
