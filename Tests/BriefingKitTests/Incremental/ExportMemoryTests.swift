import Foundation
import Testing
@testable import BriefingKit

/// `briefing serve` keeps export pieces between builds; a piece must be remade exactly
/// when a value it is written from changes (the incremental tests check whole files).
@Suite struct ExportMemoryTests {
    static func record(_ id: String, text: String = "What changed?") -> QuestionRecord {
        QuestionRecord(id: id, recommendation: 1, recommendationTitle: "Remit", team: "cto", teamName: "CTO",
                       status: .open, text: text, answer: nil, asked: nil, askedDate: nil, answered: nil,
                       path: "recommendations/1/index.html#q\(id)", url: "recommendations/1/index.html#q\(id)")
    }

    @Test func aQuestionsDocumentIsRemadeOnlyWhenItsRecordChanges() {
        let first = ExportMemory(remember: true)
        var made: [String] = []
        let records = [Self.record("1.1"), Self.record("1.2")]
        let before = first.questionDocuments(records) { made.append($0.id); return Array($0.text.utf8) }
        #expect(made == ["1.1", "1.2"])

        made = []
        let second = ExportMemory(earlier: first.made, remember: true)
        let after = second.questionDocuments([Self.record("1.1"), Self.record("1.2", text: "What changed, really?")]) {
            made.append($0.id); return Array($0.text.utf8)
        }
        #expect(made == ["1.2"])
        #expect(after[0] == before[0] && after[1] == Array("What changed, really?".utf8))
    }

    @Test func theRecordsFingerprintFollowsTheRecords() {
        let first = ExportMemory(remember: true)
        let records = [Self.record("1.1"), Self.record("1.2")]
        let a = first.recordsFingerprint(records)
        #expect(a == ExportFingerprint.records(records))
        let second = ExportMemory(earlier: first.made, remember: true)
        #expect(second.recordsFingerprint(records) == a)
        let changed = [Self.record("1.1"), Self.record("1.2", text: "Other")]
        let third = ExportMemory(earlier: second.made, remember: true)
        #expect(third.recordsFingerprint(changed) == ExportFingerprint.records(changed))
        #expect(third.recordsFingerprint(changed) != a)
    }
}
