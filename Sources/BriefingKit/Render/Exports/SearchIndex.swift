/// `search-index.json` and `search-index.js`: the documents the search page
/// indexes with lunr in the browser.
///
/// We ship documents, not a prebuilt lunr index: building one needs lunr
/// itself (JavaScript) at build time, and a serialized index is several times
/// larger than the text it indexes. lunr indexes a few hundred documents in
/// milliseconds on page load. The same JSON is written twice: as a file for
/// tools and hosts (the contract), and wrapped in a script, because browsers
/// refuse `fetch` from file:// but load `<script src>` from there.
struct SearchIndex {
    static let jsonPath = "search-index.json"
    static let scriptPath = "search-index.js"
    /// The global the script assigns; `assets/search.js` reads it.
    static let global = "briefingSearchIndex"
    static let version = 1

    func files(_ site: LinkedSite, questions: [QuestionRecord]) -> [OutputFile] {
        let json = Self.document(site, questions: questions).bytes()
        var file = ByteText(reservingCapacity: json.count + 1)
        file.append(bytes: json)
        file.append(byte: UInt8(ascii: "\n"))
        var script = ByteText(reservingCapacity: json.count + Self.global.utf8.count + 12)
        script.append("window.\(Self.global) = ")
        script.append(bytes: json)
        script.append(";\n" as StaticString)
        return [
            OutputFile(path: Self.jsonPath, bytes: file.bytes),
            OutputFile(path: Self.scriptPath, bytes: script.bytes),
        ]
    }

    /// Recommendations, then questions (with their answers), then meetings.
    /// Keys are short but readable; empty fields are left out to keep the index small.
    static func document(_ site: LinkedSite, questions: [QuestionRecord]) -> JSONValue {
        var docs: [JSONValue] = []
        func doc(_ fields: [(String, String?)]) -> JSONValue {
            .object(fields.compactMap { k, v in v.flatMap { $0.isEmpty ? nil : (k, .string($0)) } })
        }
        for r in site.recommendations {
            docs.append(doc([
                ("ref", "rec-\(r.number)"), ("kind", "recommendation"), ("title", "Rec \(r.number): \(r.title)"),
                ("context", site.briefing(r.briefing)?.title), ("text", site.text(.recommendationBody(r.number))),
                ("url", site.urls.recommendation(r.number)), ("team", site.briefing(r.briefing)?.team),
            ]))
        }
        for q in questions {
            docs.append(doc([
                ("ref", SiteURLs.questionAnchor(q.id)), ("kind", "question"), ("title", "Question \(q.id)"),
                ("context", "Rec \(q.recommendation): \(q.recommendationTitle)"), ("text", q.text), ("answer", q.answer),
                ("url", q.path), ("team", q.teamName), ("status", q.status.rawValue),
            ]))
        }
        for m in site.meetings {
            let parts = [site.text(.meetingBody(m.slug))]
                + m.decisions.indices.map { site.text(.decision(meeting: m.slug, index: $0)) }
                + m.actionItems.map { site.text(.actionItem($0.id)) }
            docs.append(doc([
                ("ref", "meeting-\(m.slug)"), ("kind", "meeting"), ("title", m.title), ("context", m.date?.iso),
                ("text", parts.filter { !$0.isEmpty }.joined(separator: " ")), ("url", site.urls.meeting(m.slug)),
            ]))
        }
        return .object([("version", .int(version)), ("documents", .array(docs))])
    }
}
