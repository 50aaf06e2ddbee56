import Foundation
import Testing
@testable import BriefingKit

@Suite struct FrontMatterSplitterTests {
    @Test func aThematicBreakInTheBodyIsNotADelimiter() throws {
        let parts = try FrontMatterSplitter.split("---\ntitle: A\n---\nOne\n\n---\n\nTwo\n").get()
        #expect(parts.yaml == "title: A\n")
        #expect(parts.body == "One\n\n---\n\nTwo\n")
        #expect(parts.bodyLine == 4)
    }

    @Test func onlyAnExactFirstLineOpensFrontMatter() throws {
        let parts = try FrontMatterSplitter.split("--- \ntitle: A\n---\n").get()
        #expect(parts.yaml == nil)
        #expect(FrontMatterSplitter.split("---\ntitle: A\n") == .failure(.unclosed))
    }

    /// The check reads eight ASCII bytes at a time: a control, DEL, a C1 control or a bad
    /// byte is found at every offset within and across those words, and text that is fine
    /// (tabs, line ends, form feeds, characters straddling a word) passes.
    @Test func controlsAndBadBytesAreFoundAtEveryOffset() {
        let filler = Array("abcdefghijklmnopqrstuvwx".utf8)
        for at in 0..<filler.count {
            for (bad, expected) in [([UInt8(7)], SourceText.Failure.control(line: 1, column: at + 1, scalar: 7)),
                                    ([0x7F], .control(line: 1, column: at + 1, scalar: 0x7F)),
                                    ([0xC2, 0x85], .control(line: 1, column: at + 1, scalar: 0x85)),
                                    ([0xEF, 0xBF, 0xBE], .control(line: 1, column: at + 1, scalar: 0xFFFE)),
                                    ([0xC3], .notUTF8(line: 1, column: at + 1)),
                                    ([0xFF], .notUTF8(line: 1, column: at + 1))] {
                var bytes = filler
                bytes.insert(contentsOf: bad, at: at)
                #expect(throws: expected, "\(bad) at \(at)") { try SourceText.decode(Data(bytes)).get() }
            }
            var fine = filler
            fine.insert(contentsOf: Array("\t\n\u{C}é€😀".utf8), at: at)
            #expect((try? SourceText.decode(Data(fine)).get()) != nil, "fine text at \(at)")
        }
    }

    @Test func byteOrderMarkAndCRLFAreNormalised() throws {
        let text = try SourceText.decode(.init([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: A\r\n---\r\n".utf8))).get()
        #expect(text == "---\ntitle: A\n---\n")
    }
}

@Suite struct ReferenceScannerTests {
    @Test func findsWikiLinksAndMentions() {
        let m = ReferenceScanner.scan("See [[11.13]], [[Label|gdd]] and Rec 4, recommendation 12; not PRec 3 or Rec 11.2.")
        #expect(m.map(\.kind) == [.wiki(target: "11.13", label: nil), .wiki(target: "gdd", label: "Label"), .mention(4), .mention(12)])
    }

    @Test func recommendationNumbers() {
        #expect(ReferenceScanner.recommendationNumber("Rec 11") == 11)
        #expect(ReferenceScanner.recommendationNumber("recommendation 3") == 3)
        #expect(ReferenceScanner.recommendationNumber("11") == 11)
        #expect(ReferenceScanner.recommendationNumber("Rec11") == nil)
        #expect(ReferenceScanner.recommendationNumber("0") == nil)
    }
}

@Suite struct URLPolicyTests {
    @Test func onlyHarmlessSchemesPass() {
        #expect(URLPolicy.isSafe("https://icann.org/x"))
        #expect(URLPolicy.isSafe("mailto:a@b.org"))
        #expect(URLPolicy.isSafe("../slides.pdf"))
        #expect(!URLPolicy.isSafe("javascript:alert(1)"))
        #expect(!URLPolicy.isSafe(" JaVa\tScript:alert(1)"))
        #expect(!URLPolicy.isSafe("data:text/html,<script>"))
    }
}

@Suite struct OutputWriterTests {
    @Test func pathsOutsideTheOutputAreRefused() {
        #expect(!OutputWriter.isSafe("../x"))
        #expect(!OutputWriter.isSafe("/etc/passwd"))
        #expect(!OutputWriter.isSafe("a//b"))
        #expect(OutputWriter.isSafe("recommendations/1/index.html"))
    }
}

@Suite struct EscapedReferenceTests {
    @Test func backslashedBracketsAreNotAReference() throws {
        let site = try TempSite.minimal(["content/pages/p.md": "---\ntitle: P\n---\nLiteral \\[\\[nowhere]] and \\[[nowhere]] but [[1.1]].\n"])
        defer { site.cleanUp() }
        let r = site.build()
        #expect(r.succeeded, "\(r.lines)")
        let page = try #require(site.read("p/index.html"))
        #expect(page.contains("Literal [[nowhere]] and [[nowhere]] but <a href=\"../recommendations/1/index.html#q1.1\""))
    }
}

@Suite struct HeadingOutlineTests {
    @Test func aBodyStartingAtH2KeepsTheOutlineWithoutGaps() throws {
        let site = try TempSite.minimal(["content/pages/p.md": "---\ntitle: P\n---\n## Agenda\n\n### Item\n"])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("p/index.html"))
        #expect(page.contains("<h2>Agenda</h2>"))
        #expect(page.contains("<h3>Item</h3>"))
    }

    @Test func anH1InABodyMovesBelowThePageTitle() throws {
        let site = try TempSite.minimal(["content/pages/p.md": "---\ntitle: P\n---\n# Top\n\n## Next\n"])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("p/index.html"))
        #expect(page.contains("<h2>Top</h2>"))
        #expect(page.contains("<h3>Next</h3>"))
    }
}

@Suite struct DiagnosticJSONTests {
    @Test func stringsAreSafeInsideAScriptElement() {
        #expect(DiagnosticJSON.string("a\"b\\c\n</script>&\u{1F}\u{2028}é") == #""a\"b\\c\n\u003c/script\u003e\u0026\u001f\u2028é""#)
    }
}

@Suite struct JSONQuotingTests {
    static func quoted(_ s: String, htmlSafe: Bool) -> String {
        var t = ByteText()
        t.append(jsonQuoted: s, htmlSafe: htmlSafe)
        return String(decoding: t.bytes, as: UTF8.self)
    }

    /// Every byte the escaper stops at, and the three-byte sequences that only look like
    /// U+2028 and U+2029 at their first byte (€ is E2 82 AC, U+2027 is E2 80 A7).
    @Test func eachModeEscapesExactlyItsBytes() {
        let text = "q\"b\\s\n\r\t\u{0}\u{1F}<>&€\u{2027}\u{2028}\u{2029}é\u{7F}x"
        #expect(Self.quoted(text, htmlSafe: false) == #""q\"b\\s\n\r\t\u0000\u001f<>&€"# + "\u{2027}" + #"\u2028\u2029é"# + "\u{7F}x\"")
        #expect(Self.quoted(text, htmlSafe: true) == #""q\"b\\s\n\r\t\u0000\u001f\u003c\u003e\u0026€"# + "\u{2027}" + #"\u2028\u2029é"# + "\u{7F}x\"")
        #expect(Self.quoted("", htmlSafe: true) == "\"\"")
        #expect(Self.quoted("plain", htmlSafe: false) == "\"plain\"")
    }
}
