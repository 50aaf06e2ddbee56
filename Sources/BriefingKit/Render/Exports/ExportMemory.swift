import Foundation

/// What the exports of one build keep for the next build in the same process
/// (`briefing serve`): the question records with their fingerprint, and each
/// question's and recommendation's search document as bytes, with the values it
/// was written from.
///
/// A piece is reused when its values equal the last build's. They are compared,
/// not hashed: strings that did not change share their storage with the last
/// build's, so comparing them is a pointer check. (Keeping pieces by a hash of
/// their values was tried and cost more than writing them again; see
/// docs/performance.md.)
final class ExportMemory: @unchecked Sendable {
    /// A recommendation's search document is written from these.
    struct RecommendationInputs: Equatable, Sendable {
        var number: Int
        var title: String
        var teamTitle: String?
        var teamName: String?
        var text: String
        var url: String
    }

    struct Kept: Sendable {
        var records: [QuestionRecord] = []
        var recordsFingerprint: ContentHash?
        var questionDocuments: [String: (record: QuestionRecord, bytes: [UInt8])] = [:]
        var recommendationDocuments: [Int: (inputs: RecommendationInputs, bytes: [UInt8])] = [:]
    }

    private let earlier: Kept
    private let remember: Bool
    private let lock = NSLock()
    private var kept = Kept()

    init(earlier: Kept = Kept(), remember: Bool) {
        self.earlier = earlier
        self.remember = remember
    }

    /// `ExportFingerprint.records(records)`, or the last build's when the records are equal.
    func recordsFingerprint(_ records: [QuestionRecord]) -> ContentHash {
        let fingerprint: ContentHash
        if let last = earlier.recordsFingerprint, earlier.records == records {
            fingerprint = last
        } else {
            fingerprint = ExportFingerprint.records(records)
        }
        if remember { lock.withLock { kept.records = records; kept.recordsFingerprint = fingerprint } }
        return fingerprint
    }

    /// Each question's document, `make` called for the ones whose record changed.
    func questionDocuments(_ records: [QuestionRecord], _ make: (QuestionRecord) -> [UInt8]) -> [[UInt8]] {
        var made: [String: (record: QuestionRecord, bytes: [UInt8])] = [:]
        if remember { made.reserveCapacity(records.count) }
        let documents = records.map { r -> [UInt8] in
            let bytes: [UInt8]
            if let last = earlier.questionDocuments[r.id], last.record == r { bytes = last.bytes } else { bytes = make(r) }
            if remember { made[r.id] = (r, bytes) }
            return bytes
        }
        if remember { lock.withLock { kept.questionDocuments = made } }
        return documents
    }

    /// Each recommendation's document, `make` called for the ones whose inputs changed.
    func recommendationDocuments(_ inputs: [RecommendationInputs], _ make: (RecommendationInputs) -> [UInt8]) -> [[UInt8]] {
        var made: [Int: (inputs: RecommendationInputs, bytes: [UInt8])] = [:]
        let documents = inputs.map { i -> [UInt8] in
            let bytes: [UInt8]
            if let last = earlier.recommendationDocuments[i.number], last.inputs == i { bytes = last.bytes } else { bytes = make(i) }
            if remember { made[i.number] = (i, bytes) }
            return bytes
        }
        if remember { lock.withLock { kept.recommendationDocuments = made } }
        return documents
    }

    /// What this build kept, for the next build of the site in this process.
    var made: Kept { lock.withLock { kept } }
}
