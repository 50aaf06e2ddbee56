import Foundation

/// The exports' pieces — a question's object in questions.json, its row in
/// questions.csv, a search document, a feed entry — as the last build in this
/// process wrote them, by the values each was written from. Every export
/// depends on every question, so in `serve` an edit would rewrite them whole;
/// with this it writes the pieces of what changed and copies the rest. A lone
/// build has nothing to reuse and writes straight into the file.
final class ExportPieces: @unchecked Sendable {
    /// What a piece is written from, and which export it belongs to.
    enum Key: Hashable, Sendable {
        case json(QuestionRecord)
        case csv(QuestionRecord)
        case search([String])
        case feed(AtomFeed.Entry.Written)
    }

    private let earlier: [Key: [UInt8]]
    private let remember: Bool
    private let lock = NSLock()
    private var made: [Key: [UInt8]] = [:]

    init(earlier: [Key: [UInt8]] = [:], remember: Bool = false) {
        self.earlier = earlier
        self.remember = remember
    }

    /// Appends the piece for `key` to `out`: the last build's bytes when it wrote the
    /// same values, `write`'s otherwise.
    func append(_ key: Key, to out: inout ByteText, _ write: (inout ByteText) -> Void) {
        guard remember else { return write(&out) }
        let bytes: [UInt8]
        if let before = earlier[key] {
            bytes = before
        } else {
            var piece = ByteText()
            write(&piece)
            bytes = piece.bytes
        }
        out.append(bytes: bytes)
        lock.withLock { made[key] = bytes }
    }

    /// This build's pieces, for the next build of the site in this process.
    var all: [Key: [UInt8]] { lock.withLock { made } }
}
