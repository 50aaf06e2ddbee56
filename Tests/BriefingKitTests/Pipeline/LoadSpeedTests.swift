import Foundation
import Testing
@testable import BriefingKit

/// The byte-level shortcuts of the load, Markdown and link stages give what the
/// Unicode-aware code they stand in for gives.
@Suite struct LoadSpeedTests {
    @Test func dataURLsAreFoundAsTheScalarFilterFindsThem() {
        let samples = ["data:x", "DATA:x", " \t\nDaTa:x", "d a t a :", "dat", "", "data", "dätá:x", "\u{0130}data:", "data\u{301}:",
                       "https://x", "\u{7F}data:", "da\u{A0}ta:", "\u{212A}data:", "javascript:x"]
        for s in samples {
            let scheme = s.unicodeScalars.filter { $0.value > 0x20 }.prefix(5)
            let expected = String(String.UnicodeScalarView(scheme)).lowercased() == "data:"
            #expect(s.withCString { MarkdownDocument.isDataURL($0) } == expected, "\(s.debugDescription)")
        }
    }

    @Test func referenceTargetsTrimAsFoundationDoes() {
        let samples = ["11", " 11 ", "\t11", "gdd\t", "\u{A0}gdd", "gdd\u{2003}", "é", " é ", "", " ", "a b", "\u{3000}x\u{3000}"]
        for s in samples {
            #expect(ReferenceScanner.trimmed(s[...]) == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
        }
    }

    /// Days are `YYYY-MM-DD` in ASCII digits on the calendar: what Foundation's fixed-format
    /// ISO parser (in UTC, after the Julian calendar's end) reads back as the same text, and nothing
    /// with a sign or other digits.
    @Test func daysAreTheDatesAFixedISOFormatReadsBack() {
        let iso = DateFormatter()
        iso.locale = Locale(identifier: "en_US_POSIX")
        iso.timeZone = TimeZone(identifier: "UTC")
        iso.calendar = Calendar(identifier: .gregorian)
        iso.dateFormat = "yyyy-MM-dd"
        var samples = ["2024-02-29", "2023-02-29", "2000-02-29", "1900-02-29", "2024-04-31", "2024-12-31", "2024-13-01",
                       "2024-00-10", "2024-01-00", "0000-01-01", "0001-01-01", "+123-01-01", "2024-+1-05", "2024-01-+5",
                       "2024-1-05", "2024-01-5 ", " 2024-01-05", "2024/01/05", "２０２４-01-05", "2024-01-0\u{301}5", ""]
        var rng = SplitMix(seed: 0xDA7E)
        for _ in 0..<2000 {
            let y = Int.random(in: 1600...2999, using: &rng), m = Int.random(in: 0...13, using: &rng), d = Int.random(in: 0...32, using: &rng)
            samples.append(String(format: "%04d-%02d-%02d", y, m, d))
        }
        for s in samples {
            let expected = s.utf8.count == 10 && s.utf8.allSatisfy { (48...57).contains($0) || $0 == 45 }
                && iso.date(from: s).map(iso.string(from:)) == s
            #expect((Day(s) != nil) == expected, "\(s.debugDescription)")
        }
    }

    /// The byte checks that replaced regular expressions accept what the expressions
    /// match, as whole strings (Swift's `wholeMatch`, on Characters).
    @Test func asciiShapesAreWhatTheirExpressionsMatch() throws {
        let language = try Regex("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
        let actionID = try Regex("[A-Za-z0-9][A-Za-z0-9._-]*")
        var samples = ["en", "pt-BR", "e", "english", "abcdefgh", "abcdefghi", "en-", "-en", "en--US", "en-US-x1", "en-123456789",
                       "en_US", "én", "e\u{301}n", "en\n", "a1", "1", "a", "a.b_c-d", ".a", "_a", "a b", "", "ab\u{0}", "ÅB"]
        samples += Self.randomStrings(3000, of: "aZ09-._ é\n", upTo: 12, seed: 0xA5C1)
        for s in samples {
            #expect(ASCIIShape.isLanguageTag(s) == (s.wholeMatch(of: language) != nil), "\(s.debugDescription)")
            #expect(ASCIIShape.isActionItemID(s) == (s.wholeMatch(of: actionID) != nil), "\(s.debugDescription)")
        }
    }

    /// A question id's check on bytes accepts what splitting it at its dots accepted: two
    /// parts, each digits only (no sign), without a leading 0, each a positive `Int`.
    @Test func questionIDsAreCheckedAsTheirPartsWere() {
        func parts(_ id: String) -> (Int, Int)? {
            let parts = id.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, let n = Int(parts[0]), let m = Int(parts[1]), n > 0, m > 0,
                  parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } && !$0.hasPrefix("0") }) else { return nil }
            return (n, m)
        }
        var samples = ["11.3", "1.1", "0.1", "1.0", "01.2", "1.02", "10.20", "11.", ".3", "11", "", ".", "1..2", "1.2.3",
                       "+1.2", "1.+2", "-1.2", " 1.2", "1.2 ", "١.٢", "1.2\n", "9223372036854775807.1", "9223372036854775808.1",
                       "1.9223372036854775807", "1.99999999999999999999", "00.0"]
        samples += Self.randomStrings(3000, of: "0123456789..+- é", upTo: 8, seed: 0x1D5)
        for s in samples {
            let found = ASCIIShape.questionNumbers(s)
            #expect(found?.recommendation == parts(s)?.0 && found?.number == parts(s)?.1, "\(s.debugDescription)")
        }
    }

    /// A page's way back to the root counts its folders on bytes as splitting at "/" counted them:
    /// empty names skipped, and a slash a mark joins into another Character not a separator.
    @Test func folderDepthsAreCountedAsSplittingCountedThem() {
        var samples = ["", "/", "a", "a/", "/a", "a/b", "a//b", "recommendations/12", "pack/cto/", "é/x", "a/\u{301}b", "\r\n/x"]
        samples += Self.randomStrings(3000, of: "ab/\u{301}é\r\n", upTo: 8, seed: 0x5EED)
        for s in samples {
            #expect(SiteURLs.folders(in: s) == s.split(separator: "/").count, "\(s.debugDescription)")
        }
    }

    /// A string's bytes, read in place or from a stack copy, are its UTF-8: small and large
    /// strings, ASCII or not, and substrings made into strings (which may share storage).
    @Test func stringBytesAreTheirUTF8() {
        var samples = ["", "a", "fifteen bytes!!", "sixteen bytes!!!", "é", String(repeating: "é", count: 8), String(repeating: "x", count: 1000)]
        samples += Self.randomStrings(500, of: "ab/\u{301}é\r\n", upTo: 40, seed: 0xB17E5)
        samples += samples.map { String($0.dropFirst()) }
        for s in samples {
            #expect(s.readingUTF8 { Array($0) } == Array(s.utf8), "\(s.debugDescription)")
        }
    }

    /// `count` strings of up to `length` scalars drawn from `alphabet`, the same every run.
    static func randomStrings(_ count: Int, of alphabet: String, upTo length: Int, seed: UInt64) -> [String] {
        var rng = SplitMix(seed: seed)
        let scalars = Array(alphabet.unicodeScalars)
        return (0..<count).map { _ in
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...length, using: &rng) { s.append(scalars[Int.random(in: 0..<scalars.count, using: &rng)]) }
            return String(s)
        }
    }

    /// Output paths are plain relative paths: no empty, `.` or `..` part, no backslash or NUL,
    /// never the build state; checked on bytes, as the file system reads them.
    @Test func unsafeOutputPathsAreRefused() {
        for path in ["index.html", "a/b/index.html", "a.b/c..d/.e", "é/x"] { #expect(OutputWriter.isSafe(path), "\(path)") }
        for path in ["", "/a", "a/", "a//b", "./a", "a/.", "a/../b", "..", "a\\b", "a\u{0}b", ".briefing-state", "a/./\u{301}"] {
            #expect(!OutputWriter.isSafe(path), "\(path.debugDescription)")
        }
    }

    @Test func tiedBacklinksKeepTheOrderOfTheirFields() {
        let question = Backlink(label: "Question 2.1", path: "recommendations/2/index.html#q2.1", order: .question("2.1"))
        let answer = Backlink(label: "Answer to 2.1", path: question.path, order: question.order)
        let use = ReferenceUse(target: .recommendation(3), location: SourceLocation(path: "x.md"))
        func labels(_ sources: [Backlink]) -> [String] {
            let results = sources.map { MarkdownResult(key: .pageBody($0.label), fragment: Fragment(html: "", text: ""), source: $0, uses: [use, use], diagnostics: []) }
            var diagnostics = Diagnostics()
            let references = CrossReferences(content: SiteContent(config: SiteConfig()), results: results, diagnostics: &diagnostics)
            return (references.backlinks[.recommendation(3)] ?? []).map(\.label)
        }
        #expect(labels([question, answer]) == ["Question 2.1", "Answer to 2.1"])
        #expect(labels([answer, question, answer]) == ["Answer to 2.1", "Question 2.1"])
    }
}
