import Foundation
import Testing
@testable import BriefingKit

/// The part of the bad-input corpus too large or too strange to keep as files:
/// made at run time, each rejected under the same promises as `Fixtures/bad/`.
@Suite struct GeneratedBadInputTests {
    func rejected(_ name: String, lineless: Bool = false, output: URL? = nil, _ damage: (TempSite) throws -> Void) throws -> [String] {
        let check = try RejectionCheck(name)
        defer { check.cleanUp() }
        return try check.expectRejected(output: output, lineless: lineless, damage)
    }

    func write(_ bytes: [UInt8], _ path: String, in site: TempSite) throws {
        let url = site.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    @Test func fiveMegabyteBody() throws {
        let paragraph = String(repeating: "Lorem ipsum dolor sit amet, Rec 1 and [[call-1]] consectetur. ", count: 16) + "\n\n"
        let count = 5_000_000 / paragraph.utf8.count
        let body = String(repeating: paragraph, count: count) + "The end: [[nowhere]].\n"
        let errors = try rejected("5 MB body") { try $0.write("content/pages/big.md", "---\ntitle: Big\n---\n" + body) }
        #expect(errors == ["content/pages/big.md:\(4 + 2 * count):10: error: broken reference [[nowhere]]: nothing has the slug 'nowhere' (no briefing, meeting or page of that name)"])
    }

    @Test func aHundredThousandQuestions() throws {
        var yaml = "---\nnumber: 2\ntitle: Many\nbriefing: cto\nquestions:\n"
        for i in 1...100_000 { yaml += "  - id: \"2.\(i)\"\n    text: Question \(i)?\n" }
        yaml += "  - id: \"2.7\"\n    text: Again\n---\n"
        let errors = try rejected("100,000 questions") { try $0.write("content/recommendations/2.md", yaml) }
        #expect(errors == ["content/recommendations/2.md:200006:5: error: duplicate question id 2.7: already used at content/recommendations/2.md:18:5"])
    }

    @Test(arguments: [
        ("blockquotes", String(repeating: "> ", count: 10_000) + "[[nowhere]]\n", 20_001),
        ("lists", String(repeating: "- ", count: 10_000) + "[[nowhere]]\n", 20_001),
        ("brackets", String(repeating: "[", count: 10_000) + "x" + String(repeating: "](y)", count: 10_000) + "\n\n[[nowhere]]\n", 1),
        ("emphasis", String(repeating: "*a ", count: 10_000) + String(repeating: "a* ", count: 10_000) + "\n\n[[nowhere]]\n", 1),
        ("wiki brackets", String(repeating: "[[", count: 10_000) + "\n\n[[nowhere]]\n", 1),
    ])
    func markdownTenThousandDeep(_ shape: String, _ body: String, _ column: Int) throws {
        let errors = try rejected("Markdown 10,000 deep: \(shape)") { try $0.write("content/pages/deep.md", "---\ntitle: Deep\n---\n" + body) }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("error: broken reference [[nowhere]]") == true)
    }

    @Test func aHundredThousandReferencesInOneParagraph() throws {
        let body = String(repeating: "[[1]] [[1.1]] Rec 1 ", count: 100_000) + "[[nowhere]]\n"
        let errors = try rejected("100,000 references in a paragraph") { try $0.write("content/pages/refs.md", "---\ntitle: Refs\n---\n" + body) }
        #expect(errors == ["content/pages/refs.md:4:2000001: error: broken reference [[nowhere]]: nothing has the slug 'nowhere' (no briefing, meeting or page of that name)"])
    }

    @Test(arguments: [
        ("flow sequences", "title: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)),
        ("flow mappings", "title: " + String(repeating: "{a: ", count: 10_000) + String(repeating: "}", count: 10_000)),
        ("block sequences", "title:\n" + String(repeating: "- ", count: 10_000) + "x"),
        ("flow sequences 999 deep", "title: " + String(repeating: "[", count: 999) + String(repeating: "]", count: 999)),
        ("block mappings", "title:\n" + (0..<2_000).map { String(repeating: " ", count: $0 + 1) + "k\($0):" }.joined(separator: "\n") + " x"),
    ])
    func yamlTenThousandDeep(_ shape: String, _ yaml: String) throws {
        let errors = try rejected("YAML deeply nested: \(shape)") { try $0.write("content/pages/deep.md", "---\n" + yaml + "\n---\n") }
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("content/pages/deep.md:") == true)
    }

    @Test func notUTF8() throws {
        let errors = try rejected("not UTF-8") { site in
            try write(Array("---\ntitle: Caf".utf8) + [0xE9] + Array("\n---\n".utf8), "content/pages/latin1.md", in: site)
            try write([0xFF, 0xFE] + Array("---\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "content/pages/utf16.md", in: site)
            try write(Array("---\ntitle: A\n---\nText \u{0}".utf8), "content/pages/nul.md", in: site)
            try write(Array("---\ntitle: Bad\n---\n".utf8) + [0xED, 0xA0, 0x80], "content/pages/surrogate.md", in: site)
        }
        #expect(errors == [
            "content/pages/latin1.md:2:11: error: file is not valid UTF-8 text",
            "content/pages/nul.md:4:6: error: file contains a NUL byte: not a text file",
            "content/pages/surrogate.md:4:1: error: file is not valid UTF-8 text",
            "content/pages/utf16.md:1:4: error: file contains a NUL byte: not a text file",
        ])
    }

    @Test func byteOrderMarkAndCRLFKeepPositions() throws {
        let errors = try rejected("BOM and CRLF") { site in
            let text = "\u{FEFF}---\r\ntitle: Windows\r\n---\r\nFirst line.\r\n\r\nSee [[nowhere]].\r\n"
            try write(Array(text.utf8), "content/pages/windows.md", in: site)
            try write(Array("---\rtitle: Old Mac\r---\rSee [[nothing]].\r".utf8), "content/pages/classic.md", in: site)
        }
        #expect(errors == [
            "content/pages/classic.md:4:5: error: broken reference [[nothing]]: nothing has the slug 'nothing' (no briefing, meeting or page of that name)",
            "content/pages/windows.md:6:5: error: broken reference [[nowhere]]: nothing has the slug 'nowhere' (no briefing, meeting or page of that name)",
        ])
    }

    @Test func fileTooLarge() throws {
        let errors = try rejected("33 MiB file") { site in
            try write([UInt8](repeating: 0x61, count: 33 << 20), "content/pages/huge.md", in: site)
        }
        #expect(errors == ["content/pages/huge.md:1:1: error: file is 33 MiB; content files are limited to 32 MiB"])
    }

    @Test func symlinkLoops() throws {
        let errors = try rejected("symlink loop in content/") { site in
            let pages = site.root.appendingPathComponent("content/pages")
            try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("a.md").path, withDestinationPath: "b.md")
            try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("b.md").path, withDestinationPath: "a.md")
            try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("self.md").path, withDestinationPath: "self.md")
            // Folders that lead back up are not content files and are never walked.
            try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("up").path, withDestinationPath: "../..")
            try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("static").path, withDestinationPath: ".")
        }
        // `static/` is the site's root here, so the same links are in the static tree too, and
        // a link there that leads nowhere is an error as well (it was left out without a word).
        #expect(errors == ["content/pages/", "static/content/pages/"].flatMap { folder in
            ["a.md", "b.md", "self.md"].map { "\(folder)\($0):1:1: error: cannot read file: it is a symbolic link that leads nowhere (dangling, or a loop)" }
        })
    }

    @Test func unreadableFiles() throws {
        let errors = try rejected("unreadable files") { site in
            let pages = site.root.appendingPathComponent("content/pages")
            try FileManager.default.createDirectory(at: pages.appendingPathComponent("folder.md"), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: pages.appendingPathComponent("gone.md").path, withDestinationPath: "/nonexistent/gone.md")
            let locked = pages.appendingPathComponent("locked.md")
            try site.write("content/pages/locked.md", "---\ntitle: Locked\n---\n")
            try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
            // As root, mode 000 does not stop reading; the file then builds like any other,
            // so give it an error of its own to keep the case failing for the right reasons.
            if FileManager.default.isReadableFile(atPath: locked.path) {
                try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: locked.path)
                try site.write("content/pages/locked.md", "---\ntitle: Locked\n---\n[[nowhere]]\n")
            }
        }
        #expect(errors.contains("content/pages/folder.md:1:1: error: cannot read file: it is a folder, not a content file"))
        #expect(errors.contains("content/pages/gone.md:1:1: error: cannot read file: it is a symbolic link that leads nowhere (dangling, or a loop)"))
        #expect(errors.contains { $0.hasPrefix("content/pages/locked.md:") })
        #expect(errors.count == 3)
    }

    @Test func outputInsideTheSources() throws {
        let check = try RejectionCheck("output folder inside content/")
        defer { check.cleanUp() }
        let root = check.site.root
        let inContent = try check.expectRejected(output: root.appendingPathComponent("content/site"), lineless: true) { _ in }
        #expect(inContent == ["\(root.path)/content/site:1:1: error: the output folder \(root.path)/content/site is inside content/; choose a folder outside the sources, such as site/"])
        let isSource = try check.expectRejected(output: root, lineless: true) { _ in }
        #expect(isSource.first?.contains("contains the source folder") == true)
        let foreign = try check.expectRejected(output: root.appendingPathComponent("content"), lineless: true) { _ in }
        #expect(foreign.first?.contains("is inside content/") == true)
    }
}
