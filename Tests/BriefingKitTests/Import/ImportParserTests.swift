import Foundation
import Testing
@testable import BriefingKit

@Suite struct ImportParserTests {
    static func parse(_ text: String) throws -> (deck: Deck, warnings: [ImportWarning]) {
        DeckParser.parse(try DeckReader.read(Data(text.utf8), path: "t.txt"))
    }

    @Test func recommendationLabelForms() throws {
        let (deck, _) = try Self.parse("""
            SSR1 CTO Briefing
            Rec 4
            ICANN should a.

            Rec
            5
            ICANN should b.

            Recommendation 6: ICANN should c.

            7 ICANN should d.
            """)
        #expect(deck.recommendations.map(\.number) == [4, 5, 6, 7])
        #expect(deck.recommendations.map(\.text) == ["ICANN should a.", "ICANN should b.", "ICANN should c.", "ICANN should d."])
    }

    @Test func questionsFindTheirRecommendationByNumber() throws {
        let (deck, warnings) = try Self.parse("""
            SSR1 CTO Briefing

            4.1 Q: Before its label?

            Rec 4
            Text.

            4.1 Q: Asked twice, differently?

            4 Q: No sub-number?

            Rec 5
            Five.

            4.9 Q: Back to four?

            5.1 Q: Same words.

            5.1 Q: Same words.
            """)
        let four = try #require(deck.recommendations.first { $0.number == 4 })
        #expect(four.questions.map(\.id) == ["4.1", "4.2", "4.3", "4.9"])
        #expect(four.questions.map(\.deckLabel) == [nil, "4.1 Q:", "4 Q:", nil])
        #expect(four.text == "Text.")
        #expect(deck.recommendations.first { $0.number == 5 }?.questions.map(\.id) == ["5.1"])
        let messages = warnings.map(\.message)
        #expect(messages.contains { $0.contains("before any 'Rec 4' label") })
        #expect(messages.contains("question 4.1 appears twice; numbered the second one 4.2"))
        #expect(messages.contains("question 4.9 follows recommendation 5; filed it under recommendation 4"))
        #expect(messages.contains("question 5.1 is repeated word for word; kept it once"))
    }

    @Test func repeatedHeadersContinueTheTeam() throws {
        let (deck, _) = try Self.parse("""
            SSR1 GDD Briefing
            Rec 11
            Eleven.

            11.1 Q: One?
            \u{0C}SSR1 GDD Briefing

            11.2 Q: Two?
            \u{0C}SSR1 Legal Briefing
            Rec 101
            Hundred and one.
            \u{0C}SSR1 GDD Briefing
            Rec 12
            Twelve.
            """)
        #expect(deck.teams.map(\.slug) == ["gdd", "legal"])
        #expect(deck.teams[0].recommendations.map(\.number) == [11, 12])
        #expect(deck.teams[0].recommendations[0].questions.map(\.id) == ["11.1", "11.2"])
        #expect(deck.teams[1].recommendations.map(\.number) == [101])
    }

    @Test func sentencesBrokenByBlankLinesAreJoined() throws {
        let (deck, warnings) = try Self.parse("""
            SSR1 CTO Briefing
            Rec 1
            ICANN should

            do this.

            1.1 Q: Is the question

            continued here?
            """)
        #expect(deck.recommendations[0].text == "ICANN should do this.")
        #expect(deck.questions[0].text == "Is the question continued here?")
        #expect(warnings.filter { $0.message.contains("lower case") }.map(\.line) == [5, 9])
    }

    @Test func textAfterAQuestionContinuesItUnlessAnAgendaFollows() throws {
        let (deck, warnings) = try Self.parse("""
            SSR1 CTO Briefing
            Rec 1
            One.

            1.1 Q: Why?

            Because it matters.

            1.2 Q: When?

            SSR2 Review Team
            Plenary Call #42
            Agenda
            1. Welcome
            a. Roll call
            2. AOB
            """)
        #expect(deck.questions.map(\.text) == ["Why? Because it matters.", "When?"])
        #expect(deck.meeting?.title == "SSR2 Review Team Plenary Call #42")
        #expect(deck.meeting?.slug == "plenary-42")
        #expect(deck.meeting?.agenda.map(\.text) == ["Welcome", "AOB"])
        #expect(deck.meeting?.agenda.first?.subItems == [DeckAgendaSubItem(letter: "a", text: "Roll call")])
        #expect(warnings.contains(ImportWarning(line: 7, "unlabelled paragraph after question 1.1; joined it to that question")))
    }

    @Test func briefingsBeforeAnyTeamHeaderGoToUnassigned() throws {
        let (deck, warnings) = try Self.parse("Rec 3\nThree.\n\n3.1 Q: Who?\n")
        #expect(deck.teams.map(\.slug) == ["unassigned"])
        #expect(deck.recommendations.map(\.number) == [3])
        #expect(warnings.contains { $0.message.contains("Unassigned") })
    }

    @Test func slidesOverviewAndDividers() throws {
        let (deck, warnings) = try Self.parse("""
             Section divider
             Useful tips
            Keep calm.

            Carry on.
             Overview

            Intro text.
             SSR1 CTO Briefing
            Rec 1
            One.
            """)
        #expect(deck.slides.map(\.title) == ["Useful tips"])
        #expect(deck.slides.map(\.slug) == ["useful-tips"])
        #expect(deck.slides.first?.paragraphs == ["Keep calm.", "Carry on."])
        #expect(deck.overview?.paragraphs == ["Intro text."])
        #expect(warnings.contains { $0.message.contains("'Section divider' has only a title") })
    }

    @Test func structurelessTextHasNoStructure() throws {
        #expect(try Self.parse("Dear all,\n\nthe minutes are attached.\n\n-- \nStaff\n").deck.hasStructure == false)
        #expect(try Self.parse("").deck.hasStructure == false)
    }
}
