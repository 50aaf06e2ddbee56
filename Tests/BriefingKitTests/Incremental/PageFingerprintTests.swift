import Foundation
import Testing
@testable import BriefingKit

@Suite struct PageFingerprintTests {
    static let theme = Theme.load(overrides: []).0!

    /// A dictionary's fingerprint, as a page's one field (pages hand over `ContextFields`; the
    /// rows and values in them may still be dictionaries).
    static func fingerprint(_ context: [String: Any], template: String = "page", theme: Theme = theme) -> ContentHash? {
        fingerprint(["page": context] as ContextFields, template: template, theme: theme)
    }

    static func fingerprint(_ context: ContextFields, template: String = "page", theme: Theme = theme) -> ContentHash? {
        PageFingerprint.of(PageJob(path: "x/index.html", template: template) { [:] }, context, theme: theme, questions: QuestionPartials(theme: theme, fingerprinting: true)).0
    }

    @Test func equalContextsAgreeWhateverTheirOrder() throws {
        var a: [String: Any] = [:]
        for i in 0..<50 { a["k\(i)"] = ["n": i, "s": "v\(i)", "list": ["x", "y"], "flag": i % 2 == 0] as [String: Any] }
        var b: [String: Any] = [:]
        for i in (0..<50).reversed() { b["k\(i)"] = ["flag": i % 2 == 0, "list": ["x", "y"], "s": "v\(i)", "n": i] as [String: Any] }
        #expect(Self.fingerprint(a) != nil)
        #expect(Self.fingerprint(a) == Self.fingerprint(b))
    }

    @Test func anyDifferenceACompiledTemplateCouldShowChangesIt() throws {
        let base: [String: Any] = ["title": "Rec 1", "count": 1, "shown": true, "rows": [["a": "1"]]]
        let variants: [[String: Any]] = [
            ["title": "Rec 2", "count": 1, "shown": true, "rows": [["a": "1"]]],
            ["title": "Rec 1", "count": 2, "shown": true, "rows": [["a": "1"]]],
            ["title": "Rec 1", "count": 1, "shown": false, "rows": [["a": "1"]]],
            ["title": "Rec 1", "count": 1, "shown": true, "rows": [["a": "1"], ["a": "1"]]],
            ["title": "Rec 1", "count": 1, "shown": true, "rows": [["b": "1"]]],
            ["title": "Rec 1", "count": 1, "shown": true, "rows": [["a": "1"]], "extra": ""],
            // The same characters split differently between fields.
            ["title": "Rec 1c", "count": 1, "shown": true, "rows": [["a": ""]]],
        ]
        let seen = Set(([base] + variants).compactMap { Self.fingerprint($0) })
        #expect(seen.count == variants.count + 1)
        #expect(Self.fingerprint(base, template: "page") != Self.fingerprint(base, template: "home"))
    }

    @Test func anotherThemeIsAnotherPage() throws {
        let footer = try TempSite.minimal(["templates/footer.mustache": "<p>other</p>\n"])
        defer { footer.cleanUp() }
        let tree = SourceTree(root: footer.root, displayRoot: "", excluding: footer.output)
        let other = try #require(Theme.load(overrides: tree.templates).0)
        #expect(tree.templates.count == 1)
        #expect(other.identity != Self.theme.identity)
        #expect(Self.fingerprint(["t": "x"]) != Self.fingerprint(["t": "x"], theme: other))
    }

    @Test func aValueItCannotReadMeansNoFingerprint() {
        #expect(Self.fingerprint(["when": Date(timeIntervalSince1970: 0)]) == nil)
        #expect(Self.fingerprint(["nested": [["ratio": 0.5]]]) == nil)
    }

    /// A question's fingerprint is its view's, which stands for its fields only if
    /// every value of the view goes into it.
    @Test func aQuestionsFingerprintFollowsEveryValueOfItsView() throws {
        let temp = try TempSite.minimal()
        defer { temp.cleanUp() }
        let plan = try #require(SiteBuilder(temp.options()).prepare(scanned: nil, forBuild: true).0)
        let r = try #require(plan.site.recommendations.first)
        let view = QuestionView(r.questions[0], of: r, showRecommendation: false, frame: PageFrame(site: plan.site, dir: "recommendations/1"))
        #expect(Mirror(reflecting: view).children.count == 16, "a value added to QuestionView goes into its fingerprint and into this test")
        var variants = [view]
        func vary(_ change: (inout QuestionView) -> Void) {
            var v = view
            change(&v)
            variants.append(v)
        }
        vary { $0.id = "1.2" }
        vary { $0.status = .answered }
        vary { $0.textHTML += "!" }
        vary { $0.answerHTML = "" }
        vary { $0.answered = Day("2020-01-01") }
        vary { $0.recommendation = 2 }
        vary { $0.recommendationTitle = "Other" }
        vary { $0.showRecommendation.toggle() }
        vary { $0.team.slug = "ops" }
        vary { $0.team.name = nil }
        vary { $0.team.title = "Other" }
        vary { $0.asked = nil }
        vary { $0.asked?.title = "Other" }
        vary { $0.same = ["2.1"] }
        vary { $0.backlinks = [Backlink(label: "Call 1", path: "meetings/call-1/", order: .page("x"))] }
        vary { $0.root = "../" }
        vary { $0.baseURL = "" }
        vary { $0.prettyLinks.toggle() }
        vary { $0.level = 4 }
        // The same characters moved from one value to the next.
        vary { $0.recommendationTitle = "Remi"; $0.team.slug = "t" + $0.team.slug }
        let prints = variants.map(\.fingerprint)
        #expect(Set(prints).count == variants.count, "variants equal to an earlier one: \(prints.indices.filter { prints.firstIndex(of: prints[$0]) != $0 })")
        #expect(view.fingerprint == QuestionView(r.questions[0], of: r, showRecommendation: false, frame: PageFrame(site: plan.site, dir: "recommendations/1")).fingerprint)
    }

    /// A page holds a question's view on the placeholder root (one per question and
    /// build), so the page's own root and heading level, all a question at another depth
    /// differs by, must count apart.
    @Test func aQuestionCountsWithTheRootAndLevelItIsShownAt() throws {
        let temp = try TempSite.minimal()
        defer { temp.cleanUp() }
        let plan = try #require(SiteBuilder(temp.options()).prepare(scanned: nil, forBuild: true).0)
        let r = try #require(plan.site.recommendations.first)
        let partials = QuestionPartials(theme: Self.theme, places: plan.site.questionPlaces, fingerprinting: true)
        func page(_ dir: String, level: Int = 3) -> ContentHash? {
            let frame = PageFrame(site: plan.site, dir: dir, questionLevel: level)
            let context: ContextFields = ["questions": [Views(frame: frame).question(r.questions[0], of: r)]]
            return PageFingerprint.of(PageJob(path: "x/index.html", template: "page") { [:] }, context, theme: Self.theme, questions: partials).0
        }
        let here = try #require(page("recommendations/1"))
        #expect(page("recommendations/2") == here, "same depth, same level: the same bytes")
        #expect(page("questions") != here)
        #expect(page("recommendations/1", level: 4) != here)
    }

    @Test func theStateKeepsThem() throws {
        var state = BuildState(key: "k")
        state.outputs["a/index.html"] = .init(size: 1, mtime: FileStamp(seconds: 1, nanoseconds: 2))
        state.outputOrder = ["a/index.html"]
        state.fingerprints["a/index.html"] = ContentHash("context")
        #expect(BuildState(decoding: state.encoded()) == state)
    }
}
