import Foundation
import Testing
@testable import BriefingKit

@Suite struct ImportReaderTests {
    static func kinds(_ text: String) throws -> [DeckLine.Kind] {
        try DeckReader.read(Data(text.utf8), path: "t.txt").lines.map(\.kind)
    }

    @Test func normalisesLineEndsTabsAndSpaces() throws {
        let lines = try DeckReader.read(Data("\u{FEFF}a\tb  \r\nc   d\re\n\n".utf8), path: "t.txt").lines
        #expect(lines.map(\.kind) == [.text("a b"), .text("c d"), .text("e"), .blank])
        #expect(lines.map(\.number) == [1, 2, 3, 4])
    }

    @Test func formFeedsFootersAndPageNumbersBreakSlides() throws {
        #expect(try Self.kinds("a\u{0C}b\n") == [.text("a"), .slideBreak, .text("b")])
        #expect(try Self.kinds("a\n| 22\nb\n") == [.text("a"), .slideBreak, .text("b")])
        #expect(try Self.kinds("a\n\n7\n\nb\n") == [.text("a"), .blank, .slideBreak, .blank, .text("b")])
        #expect(try Self.kinds("a\nPage 3 of 9\n") == [.text("a"), .slideBreak])
        // The number under a "Rec" label, and a number inside a paragraph, are text.
        #expect(try Self.kinds("Rec\n\n19\n") == [.text("Rec"), .blank, .text("19")])
        #expect(try Self.kinds("in\n2014\nand\n") == [.text("in"), .text("2014"), .text("and")])
    }

    @Test func indentedTitleBoxesOpenBlocksUnlessEverythingIsIndented() throws {
        let sparse = try DeckReader.read(Data(" Title\nbody\nbody\n".utf8), path: "t").lines
        #expect(sparse.map(\.opensBlock) == [true, false, false])
        let layout = try DeckReader.read(Data("  Title\n  body\n    body\n".utf8), path: "t").lines
        #expect(layout.allSatisfy { !$0.opensBlock })
    }

    @Test func rejectsWhatIsNotText() throws {
        #expect(throws: ImportError.notText(path: "x.png", reason: "binary data: NUL byte at offset 4")) {
            try DeckReader.read(Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x1A]), path: "x.png")
        }
        #expect(throws: ImportError.notText(path: "l.txt", reason: "not valid UTF-8 at line 2")) {
            try DeckReader.read(Data([0x61, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x0A]), path: "l.txt")
        }
        #expect(throws: ImportError.notText(path: "u.txt", reason: "UTF-16 encoded; convert it to UTF-8")) {
            try DeckReader.read(Data([0xFF, 0xFE, 0x61, 0x00]), path: "u.txt")
        }
    }

    @Test func dropsStrayControlCharactersWithAWarning() throws {
        let text = try DeckReader.read(Data("a\u{07}b\n".utf8), path: "t")
        #expect(text.lines.map(\.kind) == [.text("ab")])
        #expect(text.warnings == [ImportWarning(line: 1, "dropped control characters")])
    }

    @Test func explainsUnreadableFiles() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/deck.txt")
        #expect(throws: ImportError.unreadable(path: missing.path, reason: "no such file")) {
            try DeckReader.read(contentsOf: missing)
        }
        let folder = try ImportFixtures.scratchSite()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ImportError.unreadable(path: folder.path, reason: "it is a folder")) {
            try DeckReader.read(contentsOf: folder)
        }
    }
}
