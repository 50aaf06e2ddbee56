import Foundation
import Testing
@testable import BriefingKit

/// Every bad input of issue #2, point 5: exit with `path:line:col: error: message`.
@Suite struct DiagnosticsTests {
    func errors(_ extra: [String: String]) throws -> [String] {
        let site = try TempSite.minimal(extra)
        defer { site.cleanUp() }
        let result = site.check()
        #expect(!result.succeeded)
        return result.errorLines
    }

    @Test func yamlSyntaxErrorNamesLineAndColumn() throws {
        let lines = try errors(["content/briefings/ops.md": "---\ntitle: Ops\nteam: [Ops\n---\nBody\n"])
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("content/briefings/ops.md:4:1: error: invalid YAML"))
    }

    @Test func missingRequiredField() throws {
        let lines = try errors(["content/briefings/ops.md": "---\nteam: Ops\n---\nBody\n"])
        #expect(lines == ["content/briefings/ops.md:2:1: error: missing required field 'title'"])
    }

    @Test func mistypedField() throws {
        let lines = try errors(["content/briefings/ops.md": "---\ntitle: [a, b]\nteam: Ops\n---\n"])
        #expect(lines == ["content/briefings/ops.md:2:8: error: 'title' must be a string, not a list"])
    }

    @Test func duplicateRecommendationNumber() throws {
        let lines = try errors(["content/recommendations/2.md": "---\nnumber: 1\ntitle: Again\nbriefing: cto\n---\n"])
        #expect(lines.contains("content/recommendations/2.md:2:1: error: duplicate recommendation number 1: already used by content/recommendations/1.md"))
    }

    @Test func duplicateQuestionID() throws {
        let rec = "---\nnumber: 1\ntitle: T\nbriefing: cto\nquestions:\n  - id: \"1.1\"\n    text: A\n  - id: \"1.1\"\n    text: B\n---\n"
        let lines = try errors(["content/recommendations/1.md": rec])
        #expect(lines == ["content/recommendations/1.md:8:5: error: duplicate question id 1.1: already used at content/recommendations/1.md:6:5"])
    }

    @Test(arguments: ["1.+4", "1.-0", "1.01", "+1.4", "1.4.1", "1.", "1.٣"])
    func questionIDIsDigitsOnly(_ id: String) throws {
        let rec = "---\nnumber: 1\ntitle: T\nbriefing: cto\nquestions:\n  - id: \"\(id)\"\n    text: A\n---\n"
        let lines = try errors(["content/recommendations/1.md": rec])
        #expect(lines == ["content/recommendations/1.md:6:5: error: question id '\(id)' must be '<recommendation>.<n>', such as \"11.3\""])
    }

    /// A value quoted in a message cannot print a second, forged diagnostic line
    /// (CI annotates every `path:line:col: error:` line) or drive the terminal.
    @Test func quotedValuesPrintOnOneLineWithoutControls() throws {
        let team = "---\ntitle: CTO\nteam: CTO\nmaterials:\n  - title: x\n    url: \"javascript:x\\ncontent/pages/index.md:1:1: error: forged\\e[2J\"\n---\n"
        let lines = try errors(["content/briefings/cto.md": team]).filter { $0.contains("forged") }
        #expect(lines.count == 1)
        #expect(lines.first?.hasSuffix(#"javascript:x\ncontent/pages/index.md:1:1: error: forged\u{1B}[2J"#) == true, "\(lines)")
    }

    /// A control character would make every page that shows it invalid HTML (cmark and the
    /// escaping pass it on): an error at the character, in front matter or body, on one line.
    @Test(arguments: [("---\ntitle: a\u{7}b\n---\nhi\n", "2:9", "0007"), ("---\ntitle: B\n---\nhé \u{1B}[2J\n", "4:4", "001B"),
                      ("---\ntitle: B\n---\nx\u{85}\n", "4:2", "0085"), ("---\ntitle: B\n---\n\u{FFFE}\n", "4:1", "FFFE")])
    func aControlCharacterIsAnErrorAtItsColumn(_ text: String, _ at: String, _ code: String) throws {
        let lines = try errors(["content/pages/bell.md": text])
        #expect(lines == ["content/pages/bell.md:\(at): error: file contains the control character U+\(code), which a web page cannot hold"])
    }

    /// libyaml's own reader errors (which the check above leaves few of) are at their position too.
    @Test func aYAMLReaderErrorIsAtItsPosition() throws {
        let yaml = YAMLSource(path: "p.md", yaml: "title: a\nx: \u{7}\n", firstLine: 2)
        guard case .failure(let d) = yaml.compose() else { Issue.record("composed"); return }
        #expect(d.description == "p.md:3:4: error: invalid YAML: control characters are not allowed (U+0007)")
    }

    @Test func aDuplicateKeyIsReportedWhereItIsRepeated() throws {
        let lines = try errors(["content/pages/p.md": "---\ntitle: first\nmaterials:\n  - title: a\n    url: x\n    title: b\ntitle: second\n---\n"])
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("content/pages/p.md:6:5: error: duplicate key 'title'") == true || lines.first?.hasPrefix("content/pages/p.md:7:1: error: duplicate key 'title'") == true, "\(lines)")
    }

    @Test func questionIDMustBeginWithItsRecommendation() throws {
        let rec = "---\nnumber: 1\ntitle: T\nbriefing: cto\nquestions:\n  - id: \"2.1\"\n    text: A\n---\n"
        let lines = try errors(["content/recommendations/1.md": rec])
        #expect(lines == ["content/recommendations/1.md:6:5: error: question id '2.1' does not begin with its recommendation's number 1"])
    }

    @Test func brokenReferenceInBody() throws {
        let lines = try errors(["content/pages/about.md": "---\ntitle: About\n---\nFirst line.\n\nSee [[99]] and [[nowhere]].\n"])
        #expect(lines == [
            "content/pages/about.md:6:5: error: broken reference [[99]]: no recommendation 99",
            "content/pages/about.md:6:16: error: broken reference [[nowhere]]: nothing has the slug 'nowhere' (no briefing, meeting or page of that name)",
        ])
    }

    /// cmark decodes escapes and entities and counts bytes; the column is the reference's
    /// own, in characters, whatever precedes it on the line.
    @Test(arguments: [
        ("a\\*b\\*c [[nowhere]]", 9), ("&amp; &copy; [[nowhere]]", 14), ("&#x41;&#65; [[nowhere]]", 13),
        ("foo \\[[x]] [[nowhere]]", 12), ("éé€ [[nowhere]]", 5), ("first\n  second [[nowhere]]", 10),
    ])
    func brokenReferenceColumnIsTheSources(_ line: String, _ column: Int) throws {
        let lines = try errors(["content/pages/about.md": "---\ntitle: About\n---\n" + line + "\n"])
        let row = line.contains("\n") ? 5 : 4
        #expect(lines == ["content/pages/about.md:\(row):\(column): error: broken reference [[nowhere]]: nothing has the slug 'nowhere' (no briefing, meeting or page of that name)"])
    }

    @Test func brokenReferenceInsideBlockScalarMapsToTheFile() throws {
        let rec = "---\nnumber: 1\ntitle: T\nbriefing: cto\nquestions:\n  - id: \"1.1\"\n    text: |\n      Line one.\n      See [[1.9]].\n---\n"
        let lines = try errors(["content/recommendations/1.md": rec])
        #expect(lines == ["content/recommendations/1.md:9:11: error: broken reference [[1.9]]: no question 1.9"])
    }

    @Test func frontMatterReferencesToNothing() throws {
        let rec = "---\nnumber: 1\ntitle: T\nbriefing: nobody\nquestions:\n  - id: \"1.1\"\n    text: A\n    asked: call-9\n---\n"
        let lines = try errors([
            "content/recommendations/1.md": rec,
            "content/briefings/cto.md": "---\ntitle: CTO\nteam: CTO\nmeeting: call-7\n---\n",
        ])
        #expect(lines == [
            "content/briefings/cto.md:4:1: error: meeting 'call-7' does not exist: no content/meetings/call-7.md",
            "content/recommendations/1.md:4:1: error: briefing 'nobody' does not exist: no content/briefings/nobody.md",
            "content/recommendations/1.md:8:5: error: meeting 'call-9' does not exist: no content/meetings/call-9.md",
        ])
    }

    @Test func unknownStatus() throws {
        let rec = "---\nnumber: 1\ntitle: T\nbriefing: cto\nquestions:\n  - id: \"1.1\"\n    text: A\n    status: pending\n---\n"
        let lines = try errors(["content/recommendations/1.md": rec])
        #expect(lines == ["content/recommendations/1.md:8:13: error: 'status' must be one of open, answered, withdrawn, not 'pending'"])
    }

    @Test func badSlug() throws {
        let lines = try errors(["content/meetings/Plenary 41.md": "---\ntitle: X\n---\n"])
        #expect(lines == ["content/meetings/Plenary 41.md:1:1: error: file name 'Plenary 41' is not a valid slug: use lower-case letters, digits and '-' ([a-z0-9][a-z0-9-]*)"])
    }

    @Test func everyErrorIsReportedNotOnlyTheFirst() throws {
        let lines = try errors([
            "content/briefings/ops.md": "---\nteam: Ops\n---\n",
            "content/meetings/m.md": "---\ntitle: M\ndate: 2017-02-30\n---\n",
            "content/pages/p.md": "---\ntitle: P\n---\n[[zzz]]\n",
        ])
        #expect(lines.count == 3)
        #expect(lines.contains("content/meetings/m.md:3:7: error: 'date' must be a date written YYYY-MM-DD, not '2017-02-30'"))
    }

    @Test func unclosedFrontMatter() throws {
        let lines = try errors(["content/pages/p.md": "---\ntitle: P\n\nBody\n"])
        #expect(lines == ["content/pages/p.md:1:1: error: front matter opened with '---' on line 1 is never closed by a line '---'"])
    }

    @Test func notUTF8NamesTheByte() throws {
        let site = try TempSite.minimal(["content/pages/ok.md": "---\ntitle: OK\n---\n"])
        defer { site.cleanUp() }
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0x74, 0x69, 0x74, 0x6C, 0x65, 0x3A, 0x20, 0xFF, 0x0A]).write(to: site.root.appendingPathComponent("content/pages/bad.md"))
        #expect(site.check().errorLines == ["content/pages/bad.md:2:8: error: file is not valid UTF-8 text"])
    }

    @Test func unknownFieldIsAWarning() throws {
        let site = try TempSite.minimal(["content/pages/p.md": "---\ntitle: P\nstaus: open\n---\n"])
        defer { site.cleanUp() }
        let r = site.check()
        #expect(r.succeeded)
        #expect(r.lines.contains("content/pages/p.md:3:1: warning: unknown field 'staus' is ignored"))
    }
}
