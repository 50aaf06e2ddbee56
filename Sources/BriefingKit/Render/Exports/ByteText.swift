/// Output text built directly as UTF-8 bytes, for the data exports.
///
/// The exports (search index, feed, questions.json, questions.csv, sitemap) are
/// most of the text a build writes, and appending to a `String` one Unicode
/// scalar at a time made them about half of all the work of a build. Every
/// character they escape is ASCII, and in UTF-8 an ASCII byte never occurs
/// inside a multi-byte character, so escaping can work on bytes: runs that need
/// no escaping are copied in bulk, and the few bytes that do are replaced.
/// The format-specific escapes live with their formats: `append(jsonQuoted:)`
/// in JSONText.swift, `append(xmlEscaped:)` in XMLText.swift and
/// `append(csvField:)` in QuestionsCSV.swift.
struct ByteText {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `s` unchanged.
    mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    /// Appends a literal (escape sequences, markup) without going through `String`.
    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends an integer in decimal, as `String(i)` writes it.
    mutating func append(_ i: Int) {
        append(String(i))
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// A byte a few times over (an indent): appended one by one, as `repeatElement`'s
    /// collection cost ten times the appends.
    mutating func append(byte: UInt8, count: Int) {
        for _ in 0..<max(count, 0) { bytes.append(byte) }
    }

    mutating func append(bytes more: [UInt8]) {
        bytes.append(contentsOf: more)
    }

    /// Copies `buffer[range]`: a run of bytes that needed no escaping.
    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
    }
}
