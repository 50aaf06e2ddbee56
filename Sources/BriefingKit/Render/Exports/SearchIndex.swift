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

    /// `memory`: the last build's documents, in `briefing serve` (see `ExportMemory`).
    func files(_ site: LinkedSite, questions: [QuestionRecord], memory: ExportMemory? = nil) -> [OutputFile] {
        var json = Self.json(site, questions: questions, memory: memory ?? ExportMemory(remember: false))
        var script = ByteText(reservingCapacity: json.count + Self.global.utf8.count + 12)
        script.append("window.\(Self.global) = ")
        script.append(bytes: json)
        script.append(";\n" as StaticString)
        // The file is the JSON itself, which has room for its line break: a copy of
        // megabytes less, into memory the kernel would have had to clear first.
        json.append(UInt8(ascii: "\n"))
        return [
            OutputFile(path: Self.jsonPath, bytes: json),
            OutputFile(path: Self.scriptPath, bytes: script.bytes),
        ]
    }

    /// `{"version":1,"documents":[…]}`, compact, with room for one byte more (`files`' line
    /// break): recommendations, then questions (with
    /// their answers), then meetings. Each document is written on its own, so that
    /// `briefing serve` can keep the ones whose values did not change.
    static func json(_ site: LinkedSite, questions: [QuestionRecord], memory: ExportMemory) -> [UInt8] {
        let recommendations = site.recommendations.map { r in
            let team = site.briefing(r.briefing)
            return ExportMemory.RecommendationInputs(
                number: r.number, title: r.title, teamTitle: team?.title, teamName: team?.team,
                text: site.text(.recommendationBody(r.number)), url: site.urls.recommendation(r.number))
        }
        let documents = memory.recommendationDocuments(recommendations) { r in
            document([
                ("ref", "rec-\(r.number)"), ("kind", "recommendation"), ("number", "\(r.number)"), ("title", "Recommendation \(r.number): \(r.title)"),
                ("context", r.teamTitle), ("text", r.text), ("url", r.url), ("team", r.teamName),
            ])
        } + memory.questionDocuments(questions) { q in
            document([
                ("ref", SiteURLs.questionAnchor(q.id)), ("kind", "question"), ("number", q.id), ("title", "Question \(q.id)"),
                ("context", "Rec \(q.recommendation): \(q.recommendationTitle)"), ("text", q.text), ("answer", q.answer),
                ("url", q.path), ("team", q.teamName), ("status", q.status.rawValue),
            ])
        } + site.meetings.map { m in
            let parts = [site.text(.meetingBody(m.slug))]
                + m.decisions.indices.map { site.text(.decision(meeting: m.slug, index: $0)) }
                + m.actionItems.map { site.text(.actionItem($0.id)) }
            return document([
                ("ref", "meeting-\(m.slug)"), ("kind", "meeting"), ("title", m.title), ("context", m.date?.iso),
                ("text", parts.filter { !$0.isEmpty }.joined(separator: " ")), ("url", site.urls.meeting(m.slug)),
            ])
        }
        var out = ByteText(reservingCapacity: documents.reduce(65) { $0 + $1.count + 1 })
        out.append("{\"version\":\(version),\"documents\":[")
        for (i, d) in documents.enumerated() {
            if i > 0 { out.append(byte: UInt8(ascii: ",")) }
            out.append(bytes: d)
        }
        out.append("]}" as StaticString)
        return out.bytes
    }

    /// One document: its fields in order, empty ones left out to keep the index small.
    /// A compact JSON object written straight from the strings, without a `JSONValue` tree:
    /// there are thousands of documents, each a few strings.
    static func document(_ fields: [(String, String?)]) -> [UInt8] {
        var out = ByteText(reservingCapacity: fields.reduce(2) { $0 + $1.0.utf8.count + ($1.1?.utf8.count ?? 0) + 6 })
        out.appendJSONObject(fields, indent: nil, level: 0, key: { $0.1?.isEmpty == false ? $0.0 : nil }) { out, field in
            out.append(jsonQuoted: field.1!)
        }
        return out.bytes
    }
}
