import Testing
@testable import BriefingKit

/// `Question` and `Recommendation` keep their fields behind one shared reference
/// (`CopyOnWrite`); they must still behave as the plain values they were.
@Suite struct CopyOnWriteTests {
    static let at = SourceLocation(path: "content/recommendations/1.md", line: 5, column: 5)

    static func question(_ id: String = "1.1") -> Question {
        Question(id: id, text: MarkdownText("Why?", origin: at), status: .open, asked: nil, answer: nil, answered: nil, location: at)
    }

    @Test func aChangedCopyLeavesTheOriginal() {
        let original = Self.question()
        var copy = original
        #expect(copy == original)
        copy.status = .answered
        copy.answer = MarkdownText("Because.", origin: Self.at)
        #expect(original.status == .open)
        #expect(original.answer == nil)
        #expect(copy != original)
        copy.status = .open
        copy.answer = nil
        #expect(copy == original, "equal fields are equal values, whatever box holds them")
        #expect(copy.hashValue == original.hashValue)
    }

    @Test func equalValuesMadeApartAreEqual() {
        #expect(Self.question() == Self.question())
        #expect(Set([Self.question(), Self.question(), Self.question("1.2")]).count == 2)
    }

    @Test func aRecommendationsQuestionsChangeOnlyInTheCopyChanged() {
        let r = Recommendation(number: 1, numberLocation: Self.at, title: "One", briefing: "cto", briefingLocation: Self.at,
                               focusArea: nil, implementation: nil, questions: [Self.question()],
                               body: MarkdownText("", origin: Self.at), path: "content/recommendations/1.md")
        var changed = r
        changed.questions[0].id = "1.9"
        changed.questions.append(Self.question("1.10"))
        #expect(r.questions.map(\.id) == ["1.1"])
        #expect(changed.questions.map(\.id) == ["1.9", "1.10"])
        #expect(changed != r)
    }
}
