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

    /// A damaged state is not read, whatever line is damaged: the next build is a whole one.
    /// Each line below differs from a good record by one thing.
    @Test func aDamagedRecordIsNotRead() throws {
        let hash = "0123456789abcdef" + "fedcba9876543210"
        let good = ["key\tk", "started\t5\t6", "in\t\(hash)\tbriefing.yml", "in\t\(hash)\t1\t2\t3\t4\t5\t6\tcontent/a.md",
                    "out\t3\t1\t2\ta/index.html", "page\t\(hash)\ta/index.html", "dir\t7\t8\t9\ta", "diag\twarning\t1\t2\ta.md\tm"]
        func state(_ lines: [String]) -> BuildState? { BuildState(decoding: Array((["briefing-state 3"] + lines).joined(separator: "\n").utf8)) }
        let read = try #require(state(good))
        #expect(read.inputs["briefing.yml"] == ContentHash(a: 0x0123_4567_89ab_cdef, b: 0xfedc_ba98_7654_3210))
        #expect(read.inputStamps["content/a.md"]?.inode == 6)
        #expect(read.outputs["a/index.html"]?.mtime == FileStamp(seconds: 1, nanoseconds: 2))
        #expect(read.folders["a"]?.inode == 7)
        let damaged = [
            "in\t\(hash.uppercased())\tbriefing.yml",                     // hashes are written in lower case
            "in\t\(hash.dropLast())g\tbriefing.yml",
            "in\t\(hash.dropLast(16))/\(hash.suffix(15))\tbriefing.yml",  // a byte just below the digits
            "in\t\(hash.dropLast(16)):\(hash.suffix(15))\tbriefing.yml",  // and just above them
            "in\t\(hash)0\tbriefing.yml",
            "in\t\(hash)\t1\t2\t3\t4\t5\tcontent/a.md",
            "out\t3\t1\tx\ta/index.html",
            "out\t3\t1\t1234567890123456789\ta/index.html",             // more digits than a number written has
            "out\t3\t1\t2\ta/index.html\textra",
            "ins\t\(hash)\tbriefing.yml", "i\t\(hash)\tbriefing.yml", "pages\t\(hash)\ta", "dirs\t7\t8\t9\ta",
            "Key\tk", "diag\tnotice\t1\t2\ta.md\tm", "",
        ]
        for line in damaged where !line.isEmpty {
            #expect(state(good + [line]) == nil, "\(line)")
        }
        #expect(state(good + ["", ""]) == read, "empty lines are skipped")
    }
}
