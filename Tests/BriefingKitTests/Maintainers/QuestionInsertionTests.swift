import Testing
@testable import BriefingKit

@Suite struct QuestionInsertionTests {
    func entry(_ dash: Int) -> [String] {
        ContentScaffolds.questionEntry(id: "2.3", text: "Why?", asked: nil, dash: dash)
    }

    func insert(_ text: String) -> Result<String, QuestionInsertion.Failure> {
        QuestionInsertion.insert(entry: entry, into: text)
    }

    @Test func appendsAfterTheLastEntryWithItsIndentation() throws {
        let before = """
        ---
        number: 2
        title: T # a comment that stays
        questions:
          - id: "2.1"
            text: |
              First.
          - id: "2.2"
            text: Second.
            status: answered
            answer: |
              Yes.

        # a comment about the next key
        briefing: cto
        ---
        Body.

        """
        let after = try insert(before).get()
        #expect(after == """
        ---
        number: 2
        title: T # a comment that stays
        questions:
          - id: "2.1"
            text: |
              First.
          - id: "2.2"
            text: Second.
            status: answered
            answer: |
              Yes.
          - id: "2.3"
            text: |
              Why?
            status: open

        # a comment about the next key
        briefing: cto
        ---
        Body.

        """)
    }

    @Test func keepsAListWrittenAtColumnZero() throws {
        let before = "---\nnumber: 2\nquestions:\n- id: \"2.1\"\n  text: One\n---\n"
        let after = try insert(before).get()
        #expect(after == "---\nnumber: 2\nquestions:\n- id: \"2.1\"\n  text: One\n- id: \"2.3\"\n  text: |\n    Why?\n  status: open\n---\n")
    }

    @Test func fillsAnEmptyList() throws {
        #expect(try insert("---\nquestions: [] # none yet\nnumber: 2\n---\n").get()
            == "---\nquestions: # none yet\n  - id: \"2.3\"\n    text: |\n      Why?\n    status: open\nnumber: 2\n---\n")
        #expect(try insert("---\nquestions:\nnumber: 2\n---\n").get()
            == "---\nquestions:\n  - id: \"2.3\"\n    text: |\n      Why?\n    status: open\nnumber: 2\n---\n")
    }

    @Test func addsTheKeyWhenThereIsNone() throws {
        #expect(try insert("---\nnumber: 2\n---\nBody\n").get()
            == "---\nnumber: 2\nquestions:\n  - id: \"2.3\"\n    text: |\n      Why?\n    status: open\n---\nBody\n")
    }

    /// The build reads these files, so `new question` must edit them, keeping the BOM and CRLF.
    @Test func keepsAByteOrderMarkAndCRLFLineEnds() throws {
        let before = "\u{FEFF}---\r\nnumber: 2\r\nquestions:\r\n- id: \"2.1\"\r\n  text: One\r\n---\r\nBody\r\n"
        let after = try insert(before).get()
        #expect(after == "\u{FEFF}---\r\nnumber: 2\r\nquestions:\r\n- id: \"2.1\"\r\n  text: One\r\n- id: \"2.3\"\r\n  text: |\r\n    Why?\r\n  status: open\r\n---\r\nBody\r\n")
    }

    @Test func refusesFlowStyleAndFilesWithoutFrontMatter() {
        #expect(throws: QuestionInsertion.Failure.notABlockList(line: 3)) {
            try insert("---\nnumber: 2\nquestions: [{id: \"2.1\", text: x}]\n---\n").get()
        }
        #expect(throws: QuestionInsertion.Failure.noFrontMatter) { try insert("Just a body\n").get() }
    }

    @Test func questionTextIsALiteralBlockThatReadsBack() {
        let lines = ContentScaffolds.questionEntry(id: "11.12", text: "  Is `x: y` # safe?\n\n- yes\n", asked: "plenary-41", dash: 2)
        #expect(lines == [
            "  - id: \"11.12\"",
            "    text: |",
            "      Is `x: y` # safe?",
            "",
            "      - yes",
            "    status: open",
            "    asked: plenary-41",
        ])
    }
}

@Suite struct YAMLTextTests {
    @Test func plainWhenUnambiguousQuotedOtherwise() {
        #expect(YAMLText.scalar("Measures of success for new gTLDs") == "Measures of success for new gTLDs")
        #expect(YAMLText.scalar("ICANN’s remit (2012)") == "ICANN’s remit (2012)")
        #expect(YAMLText.scalar("no") == "\"no\"")
        #expect(YAMLText.scalar("Call #41") == "\"Call #41\"")
        #expect(YAMLText.scalar("Call: #41") == "\"Call: #41\"")
        #expect(YAMLText.scalar("11.10") == "\"11.10\"")
        #expect(YAMLText.scalar("- a \"list\"\\") == "\"- a \\\"list\\\"\\\\\"")
        #expect(YAMLText.scalar("") == "\"\"")
        #expect(YAMLText.scalar("tab\there") == "\"tab\\there\"")
    }

    @Test func titlesFromSlugs() {
        #expect(ContentScaffolds.title(fromSlug: "plenary-42") == "Plenary 42")
        #expect(ContentScaffolds.title(fromSlug: "kickoff") == "Kickoff")
    }
}
