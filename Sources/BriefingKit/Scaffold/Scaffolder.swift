import Foundation

/// Plans `briefing new …`: reads the site to find the next free id and to check
/// references, then returns the changes for `ScaffoldWriter`. Nothing is written here.
public struct Scaffolder: Sendable {
    public struct Planned: Equatable, Sendable {
        public var changes: [ScaffoldChange]
        /// The id or number given to the new item ("28", "11.12", "plenary-42").
        public var id: String
        /// `path:line` of the new item, for an editor to jump to.
        public var location: String
    }

    public let root: URL
    let content: SiteContent
    let diagnostics: Diagnostics

    /// Reads the site at `root`; paths in plans and messages are relative to it.
    public init(root: URL) {
        self.root = root.standardizedFileURL
        let tree = SourceTree(root: self.root, displayRoot: ".")
        (content, diagnostics) = ContentLoader().load(tree)
    }

    // MARK: new recommendation

    /// Recommendation `number` (or the next free one) for the briefing team `briefing`.
    public func recommendation(number: Int?, briefing: String, title: String?) throws -> Planned {
        let known = content.briefings.map(\.slug).sorted()
        guard known.contains(briefing) else { throw ScaffoldError.unknownBriefing(slug: briefing, known: known) }
        let taken = takenRecommendationNumbers()
        let last = taken.max() ?? 0
        let n = try number ?? Self.after(last, "recommendation \(last)")
        guard n > 0 else { throw ScaffoldError.badNumber(n) }
        if let existing = content.recommendations.first(where: { $0.number == n }) {
            throw ScaffoldError.recommendationExists(number: n, path: existing.path)
        }
        let path = "content/recommendations/\(n).md"
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) {
            throw ScaffoldError.exists(path: path)
        }
        let text = ContentScaffolds.recommendation(number: n, title: title ?? "Recommendation \(n)", briefing: briefing)
        return Planned(changes: [.create(path: path, text: text)], id: String(n), location: "\(path):3")
    }

    /// Numbers in use: decoded ones, and file names of files that did not decode.
    func takenRecommendationNumbers() -> [Int] {
        var numbers = content.recommendations.map(\.number)
        let folder = root.appendingPathComponent("content/recommendations").path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".md") {
            if let n = Int(name.dropLast(3)) { numbers.append(n) }
        }
        return numbers
    }

    // MARK: new question

    /// A question with the next free id `N.k` at the end of recommendation `number`'s list.
    public func question(recommendation number: Int, text: String?, asked: String?) throws -> Planned {
        let path = "content/recommendations/\(number).md"
        let fileErrors = diagnostics.errors.filter { $0.location.path == path }
        if !fileErrors.isEmpty { throw ScaffoldError.fileHasErrors(path: path, diagnostics: fileErrors.map(\.description)) }
        guard let rec = content.recommendations.first(where: { $0.number == number && $0.path == path })
                ?? content.recommendations.first(where: { $0.number == number }) else {
            throw ScaffoldError.noRecommendation(number: number)
        }
        if let asked {
            let meetings = content.meetings.map(\.slug).sorted()
            guard meetings.contains(asked) else { throw ScaffoldError.unknownMeeting(slug: asked, known: meetings) }
        }
        let used = rec.questions.compactMap { q in q.id.split(separator: ".").last.flatMap { Int($0) } }
        let lastUsed = used.max() ?? 0
        let id = "\(number).\(try Self.after(lastUsed, "question \(number).\(lastUsed)"))"

        let url = root.appendingPathComponent(rec.path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ScaffoldError.cannotWrite(path: rec.path, reason: "cannot read it")
        }
        let old = String(decoding: data, as: UTF8.self)
        let entry = { dash in ContentScaffolds.questionEntry(id: id, text: text ?? "", asked: asked, dash: dash) }
        let new: String
        switch QuestionInsertion.insert(entry: entry, into: old) {
        case .success(let t): new = t
        case .failure(.notABlockList(let line)): throw ScaffoldError.questionsNotABlockList(path: rec.path, line: line)
        case .failure(.noFrontMatter): throw ScaffoldError.fileHasErrors(path: rec.path, diagnostics: ["\(rec.path):1:1: error: missing front matter"])
        }
        try verify(new, path: rec.path, slug: String(number), expecting: id, questions: rec.questions.count + 1)
        let line = new.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasSuffix("- id: \"\(id)\"") }.map { $0 + 1 } ?? 1
        return Planned(changes: [.edit(path: rec.path, old: old, new: new)], id: id, location: "\(rec.path):\(line)")
    }

    /// Decodes the edited text the way a build will, and refuses an edit that would
    /// not read back as the same recommendation with one more question.
    func verify(_ text: String, path: String, slug: String, expecting id: String, questions: Int) throws {
        let file = SourceTree.File(kind: .recommendations, slug: slug, url: root.appendingPathComponent(path), displayPath: path)
        let (item, found) = ContentLoader.decode(text: text, file: file)
        let errors = found.filter { $0.severity == .error }
        guard errors.isEmpty, case .recommendation(let r)? = item,
              r.questions.count == questions, r.questions.last?.id == id else {
            throw ScaffoldError.editWouldBreak(path: path, diagnostics: errors.map(\.description))
        }
    }

    // MARK: new meeting

    /// `content/meetings/SLUG.md`, numbered after the slug's trailing number when free
    /// ("plenary-42" → 42), else after the highest number in use.
    public func meeting(slug: String, title: String?, number: Int?, date: String?) throws -> Planned {
        guard SourceTree.isSlug(slug) else { throw ScaffoldError.badSlug(slug) }
        let path = "content/meetings/\(slug).md"
        if content.meetings.contains(where: { $0.slug == slug }) { throw ScaffoldError.meetingExists(slug: slug) }
        if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) { throw ScaffoldError.exists(path: path) }
        let byNumber = Dictionary(content.meetings.compactMap { m in m.number.map { ($0, m.slug) } }, uniquingKeysWith: { a, _ in a })
        let n: Int
        if let number {
            guard number > 0 else { throw ScaffoldError.badNumber(number) }
            if let other = byNumber[number] { throw ScaffoldError.meetingNumberTaken(number: number, by: other) }
            n = number
        } else if let suffix = slug.split(separator: "-").last.flatMap({ Int($0) }), suffix > 0, byNumber[suffix] == nil {
            n = suffix
        } else {
            let last = byNumber.keys.max() ?? 0
            n = try Self.after(last, "meeting number \(last)")
        }
        let text = ContentScaffolds.meeting(title: title ?? ContentScaffolds.title(fromSlug: slug), number: n, date: date)
        return Planned(changes: [.create(path: path, text: text)], id: slug, location: "\(path):2")
    }

    /// Today as an ISO date in the local time zone: the day someone scaffolds a meeting.
    public static func today() -> String {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    /// The number after `n`: a file may hold the largest Int, which has none.
    private static func after(_ n: Int, _ what: String) throws -> Int {
        let (next, overflow) = n.addingReportingOverflow(1)
        guard !overflow else { throw ScaffoldError.noNumberAfter(what) }
        return next
    }
}
