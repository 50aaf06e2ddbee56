/// The cross-reference graph: who links to what, which questions a meeting
/// asked, which recommendations a team answers for, and repeated questions.
public struct CrossReferences: Sendable {
    /// Target → the places that link to it, in site order, without duplicates.
    public private(set) var backlinks: [TargetKey: [Backlink]] = [:]
    public private(set) var askedAt: [String: [String]] = [:]
    public private(set) var recommendationsOf: [String: [Int]] = [:]
    /// Question id → ids of questions with the same text elsewhere.
    public private(set) var sameAs: [String: [String]] = [:]

    init(content: SiteContent, results: [MarkdownResult], diagnostics: inout Diagnostics) {
        // The links and the repeated texts are independent: one on each core.
        enum Part: Sendable {
            case backlinks([TargetKey: [Backlink]])
            case repeats([String: [String]], [Diagnostic])
        }
        let parts = [0, 1].parallelMap { i -> Part in
            i == 0 ? .backlinks(Self.backlinks(results)) : { let (same, warnings) = Self.repeats(content); return .repeats(same, warnings) }()
        }
        for part in parts {
            switch part {
            case .backlinks(let b): backlinks = b
            case .repeats(let same, let warnings):
                sameAs = same
                diagnostics.append(contentsOf: warnings)
            }
        }

        // Indices, not a sorted copy: a copy retains every field of every recommendation.
        let recommendations = content.recommendations
        for i in recommendations.indices.sorted(by: { recommendations[$0].number < recommendations[$1].number }) {
            recommendationsOf[recommendations[i].briefing, default: []].append(recommendations[i].number)
            for q in recommendations[i].questions {
                if let m = q.asked { askedAt[m, default: []].append(q.id) }
            }
        }
    }

    /// Target → the places that link to it, in site order, without duplicates.
    static func backlinks(_ results: [MarkdownResult]) -> [TargetKey: [Backlink]] {
        var seen: [TargetKey: Set<Backlink>] = [:]
        var found: [TargetKey: [Backlink]] = [:]
        for r in results {
            for use in r.uses where use.target != r.source.order {
                // A question's own answer linking its recommendation is not news on that page.
                if case .question(let id) = r.source.order, case .recommendation(let n) = use.target,
                   QuestionOrder.parts(id).0 == n { continue }
                if seen[use.target, default: []].insert(r.source).inserted { found[use.target, default: []].append(r.source) }
            }
        }
        // A question and its answer share their place and path: the stable sort keeps them in
        // the order the fields come, where sorting a `Set` left it to the process's hash seed.
        return found.mapValues { $0.sorted() }
    }

    /// Question id → ids of questions with the same text elsewhere, and a warning for each.
    static func repeats(_ content: SiteContent) -> ([String: [String]], [Diagnostic]) {
        var byText: [ComparableText: [(id: String, location: SourceLocation)]] = [:]
        byText.reserveCapacity(content.recommendations.reduce(0) { $0 + $1.questions.count })
        for r in content.recommendations {
            for q in r.questions {
                byText[ComparableText(q.text.text), default: []].append((q.id, q.location))
            }
        }
        var sameAs: [String: [String]] = [:]
        var warnings: [Diagnostic] = []
        for group in byText.values where group.count > 1 {  // dictionary order does not matter: ids are sorted, diagnostics too
            let ids = group.map(\.id).sorted(by: QuestionOrder.less)
            for q in group {
                let others = ids.filter { $0 != q.id }
                sameAs[q.id] = others
                warnings.append(.warning(q.location, "question \(q.id) has the same text as \(others.joined(separator: ", ")); the pages cross-link them"))
            }
        }
        return (sameAs, warnings)
    }

    /// A question's text for spotting repeats: runs of white space as one space,
    /// ASCII letters in lower case. Works on bytes: this runs for every question.
    static func comparable(_ text: String) -> [UInt8] {
        // Not `unsafeUninitializedCapacity: 0`, which writes into Swift's shared empty array.
        guard !text.isEmpty else { return [] }
        return text.readingUTF8 { b in
            [UInt8](unsafeUninitializedCapacity: b.count) { out, written in
                var n = 0
                var space = false
                for c in b {
                    if c == 32 || c == 9 || c == 10 || c == 13 {
                        space = n > 0
                        continue
                    }
                    if space { out[n] = 32; n += 1; space = false }
                    out[n] = c >= 65 && c <= 90 ? c + 32 : c
                    n += 1
                }
                written = n
            }
        }
    }

    /// `comparable` text as a dictionary key, hashed in one call: `[UInt8]` hashes byte by byte.
    struct ComparableText: Hashable {
        let bytes: [UInt8]
        init(_ text: String) { bytes = CrossReferences.comparable(text) }
        func hash(into h: inout Hasher) { bytes.withUnsafeBytes { h.combine(bytes: $0) } }
    }
}
