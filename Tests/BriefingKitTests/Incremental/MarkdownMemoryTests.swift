import Foundation
import Testing
@testable import BriefingKit

/// `briefing serve` keeps each Markdown field's result between builds: a result must be
/// reused exactly when its job is unchanged, wherever the field now stands in the list.
@Suite struct MarkdownMemoryTests {
    static func recommendation(_ number: Int, _ questions: [(id: String, text: String, answer: String?)]) -> String {
        "---\nnumber: \(number)\ntitle: Remit\nbriefing: cto\nquestions:\n"
            + questions.map { q in
                "  - id: \"\(q.id)\"\n    text: \(q.text)\n" + (q.answer.map { "    status: answered\n    answer: \($0)\n" } ?? "")
            }.joined()
            + "---\nICANN should publish a statement.\n"
    }

    static func run(_ site: TempSite, reusing memory: MarkdownStage.Memory)
        -> (results: [FieldKey: MarkdownResult], kept: MarkdownStage.Memory) {
        let (content, diagnostics) = ContentLoader().load(SourceTree(root: site.root, displayRoot: ""))
        #expect(!diagnostics.hasErrors, "\(diagnostics.all)")
        let urls = SiteURLs(pretty: false)
        let stage = MarkdownStage(targets: LinkTargets(content, urls: urls), urls: urls, unsafeHTML: false)
        let (results, kept) = stage.run(content, reusing: memory)
        return (Dictionary(results.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a }), kept)
    }

    @Test func aFieldIsReusedWhereverItMovesAndRemadeWhenItChanges() throws {
        let site = try TempSite.minimal([
            "content/recommendations/1.md": Self.recommendation(1, [("1.1", "What changed?", nil), ("1.2", "Who decides?", nil)]),
            "content/recommendations/2.md": Self.recommendation(2, [("2.1", "When?", nil)]),
        ])
        let (first, memory) = Self.run(site, reusing: MarkdownStage.Memory())

        // An answer to 1.1 is a new field after its text: every field after it in the list
        // moves one place on, and those further down its file move in the file too.
        try site.write("content/recommendations/1.md",
                       Self.recommendation(1, [("1.1", "What changed?", "The remit."), ("1.2", "Who decides?", nil)]))
        let (second, _) = Self.run(site, reusing: memory)
        #expect(second[.questionText("1.1")] === first[.questionText("1.1")])
        #expect(second[.questionAnswer("1.1")]?.fragment.text == "The remit.")
        #expect(second[.questionText("1.2")] !== first[.questionText("1.2")])
        #expect(second[.questionText("1.2")]?.fragment.text == "Who decides?")
        #expect(second[.recommendationBody(2)] === first[.recommendationBody(2)])
        #expect(second[.questionText("2.1")] === first[.questionText("2.1")])
        #expect(second[.briefingBody("cto")] === first[.briefingBody("cto")])

        // Results rendered by another stage (other link targets or options) are never taken.
        let (third, _) = Self.run(site, reusing: MarkdownStage.Memory(stage: nil, jobs: memory.jobs, results: memory.results))
        #expect(third[.questionText("2.1")] !== first[.questionText("2.1")])
        #expect(third[.questionText("2.1")]?.fragment.text == "When?")
    }
}
