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
/// docs/performance-log.md.)
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

    /// A piece of an export and the values it was written from.
    struct Piece<Values: Equatable & Sendable>: Sendable {
        var values: Values
        var bytes: [UInt8]
    }

    struct Kept: Sendable {
        var records: [QuestionRecord] = []
        var recordsFingerprint: ContentHash?
        var questionDocuments: [String: Piece<QuestionRecord>] = [:]
        var recommendationDocuments: [Int: Piece<RecommendationInputs>] = [:]
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
        let (documents, made) = Self.reuse(records, key: \.id, earlier: earlier.questionDocuments, remember: remember, make)
        if remember { lock.withLock { kept.questionDocuments = made } }
        return documents
    }

    /// Each recommendation's document, `make` called for the ones whose inputs changed.
    func recommendationDocuments(_ inputs: [RecommendationInputs], _ make: (RecommendationInputs) -> [UInt8]) -> [[UInt8]] {
        let (documents, made) = Self.reuse(inputs, key: \.number, earlier: earlier.recommendationDocuments, remember: remember, make)
        if remember { lock.withLock { kept.recommendationDocuments = made } }
        return documents
    }

    /// Each item's piece: the last build's when its values are equal, else made.
    private static func reuse<Key: Hashable, Values>(
        _ items: [Values], key: (Values) -> Key, earlier: [Key: Piece<Values>], remember: Bool,
        _ make: (Values) -> [UInt8]
    ) -> ([[UInt8]], [Key: Piece<Values>]) {
        var made: [Key: Piece<Values>] = [:]
        if remember { made.reserveCapacity(items.count) }
        let pieces = items.map { values -> [UInt8] in
            let k = key(values)
            let bytes: [UInt8]
            if let last = earlier[k], last.values == values { bytes = last.bytes } else { bytes = make(values) }
            if remember { made[k] = Piece(values: values, bytes: bytes) }
            return bytes
        }
        return (pieces, made)
    }

    /// What this build kept, for the next build of the site in this process.
    var made: Kept { lock.withLock { kept } }
}
