import Foundation
import Testing
@testable import BriefingKit

/// Pages share each question's rendering through a table slot per question and
/// recommendation shown (`QuestionPartials`): two questions, or one question with and
/// without its recommendation, must never share a slot.
@Suite struct QuestionSlotsTests {
    static func plan(_ files: [String: String] = SyntheticSite.files(recommendations: 7, questions: 5)) throws -> (SiteBuilder.Plan, TempSite) {
        let temp = try TempSite(files)
        let plan = try #require(SiteBuilder(temp.options()).prepare(scanned: nil, forBuild: true).0)
        return (plan, temp)
    }

    @Test func everyQuestionHasAPlaceOfItsOwn() throws {
        let (plan, temp) = try Self.plan()
        defer { temp.cleanUp() }
        let ids = plan.site.recommendations.flatMap { $0.questions.map(\.id) }
        #expect(ids.count == 35)
        let places = ids.map { plan.site.questionPlaces[$0] }
        #expect(places == Array(0..<ids.count).map(Optional.some), "in display order, from 0, each once")
    }

    @Test func slotsAreOnePerQuestionAndRecommendationShown() throws {
        let (plan, temp) = try Self.plan()
        defer { temp.cleanUp() }
        let frame = PageFrame(site: plan.site, dir: "questions", questionLevel: 3)
        var seen: [Int: String] = [:]
        for r in plan.site.recommendations {
            for q in r.questions {
                for shown in [false, true] {
                    let slot = Views(frame: frame).question(q, of: r, showRecommendation: shown).slot
                    #expect(slot >= 0)
                    #expect(seen.updateValue("\(q.id) \(shown)", forKey: slot) == nil, "\(q.id) shares slot \(slot)")
                }
            }
        }
    }

    /// A question of another site (no slot in these tables) is made where it is asked for:
    /// the same fingerprint as from its own site's tables.
    @Test func aQuestionOfAnotherSiteIsMadeNotLookedUp() throws {
        let (small, smallTemp) = try Self.plan(SyntheticSite.files(recommendations: 2, questions: 1))
        let (large, largeTemp) = try Self.plan()
        defer { smallTemp.cleanUp(); largeTemp.cleanUp() }
        let theme = try #require(Theme.load(overrides: []).0)
        let r = try #require(large.site.recommendations.last)
        let q = Views(frame: PageFrame(site: large.site, dir: "questions", questionLevel: 3)).question(try #require(r.questions.last), of: r)
        let own = QuestionPartials(theme: theme, places: large.site.questionPlaces, fingerprinting: true).fingerprint(q).0
        let other = QuestionPartials(theme: theme, places: small.site.questionPlaces, fingerprinting: true).fingerprint(q).0
        #expect(own != nil && own == other)
    }
}
