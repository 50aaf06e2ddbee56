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
        var seen: [TargetKey: Set<Backlink>] = [:]
        for r in results {
            for use in r.uses where use.target != r.source.order {
                // A question's own answer linking its recommendation is not news on that page.
                if case .question(let id) = r.source.order, case .recommendation(let n) = use.target,
                   QuestionOrder.parts(id).0 == n { continue }
                seen[use.target, default: []].insert(r.source)
            }
        }
        backlinks = seen.mapValues { $0.sorted() }

        for r in content.recommendations.sorted(by: { $0.number < $1.number }) {
            recommendationsOf[r.briefing, default: []].append(r.number)
            for q in r.questions {
                if let m = q.asked { askedAt[m, default: []].append(q.id) }
            }
        }

        var byText: [[UInt8]: [Question]] = [:]
        for r in content.recommendations {
            for q in r.questions {
                byText[Self.comparable(q.text.text), default: []].append(q)
            }
        }
        for group in byText.values where group.count > 1 {  // dictionary order does not matter: ids are sorted, diagnostics too
            let ids = group.map(\.id).sorted(by: QuestionOrder.less)
            for q in group {
                let others = ids.filter { $0 != q.id }
                sameAs[q.id] = others
                diagnostics.warning(q.location, "question \(q.id) has the same text as \(others.joined(separator: ", ")); the pages cross-link them")
            }
        }
    }

    /// A question's text for spotting repeats: runs of white space as one space,
    /// ASCII letters in lower case. Works on bytes: this runs for every question.
    static func comparable(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var space = false
        for b in text.utf8 {
            if b == 32 || b == 9 || b == 10 || b == 13 {
                space = !out.isEmpty
                continue
            }
            if space { out.append(32); space = false }
            out.append(b >= 65 && b <= 90 ? b + 32 : b)
        }
        return out
    }
}
