import Testing
@testable import BriefingKit

@Suite struct BuildStateTests {
    /// Every kind of record, with text that needs escaping, comes back as it was written.
    @Test func everyRecordSurvivesItsTextForm() throws {
        var state = BuildState(key: "tool-1|/src|-|tab\there%25")
        state.started = FileStamp(seconds: 1_795_704_499, nanoseconds: 573_792_323)
        let odd = "content/pages/a%b\tc\nd\re é.md"
        state.inputs = [odd: ContentHash("x"), "(scan)": ContentHash("scan"), "briefing.yml": ContentHash(a: 0, b: .max)]
        state.inputStamps = [odd: SourceStamp(size: 12, modified: FileStamp(seconds: 5, nanoseconds: 0),
                                              changed: FileStamp(seconds: 6, nanoseconds: 999_999_999), inode: 1 << 40)]
        state.outputs = ["a/index.html": .init(size: 0, mtime: FileStamp(seconds: -1, nanoseconds: 7)),
                         "b%/index.html": .init(size: 1 << 33, mtime: FileStamp(seconds: 0, nanoseconds: 0))]
        state.outputOrder = ["b%/index.html", "a/index.html"]
        state.fingerprints = ["a/index.html": ContentHash("page")]
        state.folders = ["a": .init(inode: 42, changed: FileStamp(seconds: 9, nanoseconds: 10)), "b%": .init(inode: 0, changed: FileStamp(seconds: 1, nanoseconds: 1))]
        state.diagnostics = [Diagnostic(.warning, SourceLocation(path: odd, line: 3, column: 14), "a message\twith\nodd % text")]
        let text = String(decoding: state.encoded(), as: UTF8.self)
        #expect(text.split(separator: "\n").count == 1 + 1 + 1 + 3 + 2 + 1 + 1 + 2, "one line per record")
        #expect(text.contains("\tcontent/pages/a%25b%09c%0Ad%0De é.md\n"))
        #expect(BuildState(decoding: state.encoded()) == state)
    }

    /// A state an earlier version wrote (its outputs with hashes) is not read: the next build is whole.
    @Test func anEarlierVersionsStateIsNotRead() {
        let earlier = "briefing-state 2\nkey\tk\nout\t" + String(repeating: "a", count: 32) + "\t3\t1\t2\ta/index.html\n"
        #expect(BuildState(decoding: Array(earlier.utf8)) == nil)
    }
}
