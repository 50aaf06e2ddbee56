/// Something a reference can point at.
public enum TargetKey: Hashable, Sendable, Comparable {
    case recommendation(Int)
    case question(String)
    case briefing(String)
    case meeting(String)
    case page(String)

    var rank: Int {
        switch self {
        case .recommendation: 0
        case .question: 1
        case .briefing: 2
        case .meeting: 3
        case .page: 4
        }
    }

    public static func < (a: TargetKey, b: TargetKey) -> Bool {
        if a.rank != b.rank { return a.rank < b.rank }
        switch (a, b) {
        case (.recommendation(let x), .recommendation(let y)): return x < y
        case (.question(let x), .question(let y)): return QuestionOrder.less(x, y)
        case (.briefing(let x), .briefing(let y)), (.meeting(let x), .meeting(let y)), (.page(let x), .page(let y)): return x < y
        default: return false
        }
    }
}

/// Question ids sort as numbers: 11.2 before 11.10.
enum QuestionOrder {
    static func parts(_ id: String) -> (Int, Int) {
        // Ids are almost always what the loader accepts: read those on bytes, without the
        // substrings `split` allocates (this runs for every question on many pages).
        if let p = ASCIIShape.questionNumbers(id) { return (p.recommendation, p.number) }
        let p = id.split(separator: ".")
        return (Int(p.first ?? "") ?? 0, Int(p.dropFirst().first ?? "") ?? 0)
    }

    static func less(_ a: String, _ b: String) -> Bool {
        let (x, y) = (parts(a), parts(b))
        return x != y ? x < y : a < b
    }
}

/// What a link to a target shows and where it goes.
public struct LinkTarget: Hashable, Sendable {
    public var key: TargetKey
    /// Default link text: "Rec 11", "11.13", a meeting's title.
    public var label: String
    /// Tooltip: the full title.
    public var title: String
    /// Path from the site root, with anchor: `recommendations/11/index.html#q11.13`.
    public var path: String
}

/// Everything that can be linked to, built once from the loaded content and read
/// concurrently by every linking task.
public struct LinkTargets: Sendable {
    private(set) var recommendations: [Int: LinkTarget] = [:]
    private(set) var questions: [String: LinkTarget] = [:]
    private(set) var slugs: [String: [LinkTarget]] = [:]

    public init(_ content: SiteContent, urls: SiteURLs) {
        // Sized once: growing them rehashed every target so far (10,000 questions at 1250x8).
        recommendations.reserveCapacity(content.recommendations.count)
        questions.reserveCapacity(content.recommendations.reduce(0) { $0 + $1.questions.count })
        for r in content.recommendations {
            recommendations[r.number] = LinkTarget(key: .recommendation(r.number), label: "Rec \(r.number)",
                                                   title: "Recommendation \(r.number): \(r.title)", path: urls.recommendation(r.number))
            for q in r.questions {
                questions[q.id] = LinkTarget(key: .question(q.id), label: q.id, title: "Question \(q.id) (Rec \(r.number))",
                                             path: urls.question(q.id, recommendation: r.number))
            }
        }
        for b in content.briefings {
            slugs[b.slug, default: []].append(LinkTarget(key: .briefing(b.slug), label: b.title, title: b.title, path: urls.briefing(b.slug)))
        }
        for m in content.meetings {
            slugs[m.slug, default: []].append(LinkTarget(key: .meeting(m.slug), label: m.title, title: m.title, path: urls.meeting(m.slug)))
        }
        for p in content.pages where p.slug != "index" {
            slugs[p.slug, default: []].append(LinkTarget(key: .page(p.slug), label: p.title, title: p.title, path: urls.page(p.slug)))
        }
    }

    public func recommendation(_ n: Int) -> LinkTarget? { recommendations[n] }
    public func question(_ id: String) -> LinkTarget? { questions[id] }

    public enum Resolution: Equatable {
        case found(LinkTarget)
        case missing(String)
        case ambiguous([LinkTarget])
    }

    /// Resolves the inside of `[[...]]` (after any `Label|`).
    public func resolve(_ reference: String) -> Resolution {
        let r = ReferenceScanner.trimmed(reference[...])
        if let n = ReferenceScanner.recommendationNumber(r) {
            return recommendations[n].map(Resolution.found) ?? .missing("no recommendation \(n)")
        }
        if r.first?.isNumber == true && r.utf8.contains(46) {
            return questions[r].map(Resolution.found) ?? .missing("no question \(r)")
        }
        guard SourceTree.isSlug(r) else {
            return .missing("'\(r)' is not a recommendation number, question id or slug")
        }
        let found = slugs[r] ?? []
        if found.count > 1 { return .ambiguous(found) }
        guard let one = found.first else {
            return .missing("nothing has the slug '\(r)' (no briefing, meeting or page of that name)")
        }
        return .found(one)
    }
}
