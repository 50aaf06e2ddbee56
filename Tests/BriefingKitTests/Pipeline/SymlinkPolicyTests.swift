import Foundation
import Testing
@testable import BriefingKit

@Suite struct SymlinkPolicyTests {
    @Test func aLinkOutOfTheSiteIsAnErrorAndNothingIsPublished() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-secret-\(UUID().uuidString)")
        try Data("private key".utf8).write(to: secret)
        defer { try? FileManager.default.removeItem(at: secret) }
        let site = try TempSite.minimal(["static/ok.txt": "fine"])
        defer { site.cleanUp() }
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("static/key").path, withDestinationPath: secret.path)
        let r = site.build()
        #expect(!r.succeeded)
        #expect(r.errorLines.contains { $0.hasPrefix("static/key:1:1: error: is a symbolic link to ") && $0.contains("outside the site folder") })
        #expect(!site.exists("key"))
    }

    @Test func aLinkInsideTheSiteIsFine() throws {
        let site = try TempSite.minimal(["static/real.txt": "fine"])
        defer { site.cleanUp() }
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("static/alias.txt").path, withDestinationPath: "real.txt")
        let r = site.build()
        #expect(r.succeeded, "\(r.lines)")
        #expect(site.read("alias.txt") == "fine")
    }

    /// Reading a pipe waits for a writer: a FIFO where a source file belongs made the
    /// build hang forever. It is an error, found when the tree is scanned.
    @Test(arguments: ["content/pages/p.md", "templates/footer.mustache", "static/feed.txt", "briefing.yml"])
    func aPipeIsAnErrorNotAHang(_ path: String) throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        let url = site.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: url)
        #expect(mkfifo(url.path, 0o644) == 0)
        let r = site.build()
        #expect(!r.succeeded)
        #expect(r.errorLines.contains("\(path):1:1: error: cannot read file: it is not a regular file (a pipe, socket or device)"), "\(r.errorLines)")
    }

    @Test func filesOutsideTheContentFoldersAreNamedNotDropped() throws {
        let site = try TempSite.minimal(["content/stray.md": "---\ntitle: S\n---\n", "content/pages/sub/x.md": "---\ntitle: X\n---\n"])
        defer { site.cleanUp() }
        let r = site.build()
        #expect(r.succeeded)
        let warnings = r.diagnostics.warnings.map(\.description)
        #expect(warnings.contains { $0.hasPrefix("content/stray.md:1:1: warning: ignored: content goes in content/recommendations") }, "\(warnings)")
        #expect(warnings.contains("content/pages/sub:1:1: warning: ignored: content folders are read one level deep"), "\(warnings)")
    }

    /// Linux lets a name be any bytes. One that is not UTF-8 cannot be spelled back from a
    /// `String`: a static folder so named had its files left out without a word, and a file
    /// was reported as missing. Each is an error that names it.
    @Test(arguments: ["content/pages/", "templates/", "static/", "static/deep/"])
    func aNameThatIsNotUTF8IsAnErrorNotADrop(_ folder: String) throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        let parent = site.root.path + "/" + folder
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        // "a\xFFb" as bytes, then an ordinary file inside it or the file itself.
        let name = parent + "a\u{FFFD}b"
        let raw = Array(parent.utf8) + [0x61, 0xFF, 0x62]
        let suffix = folder.hasPrefix("static") ? "" : (folder.hasPrefix("templates") ? ".mustache" : ".md")
        let made = (raw + Array(suffix.utf8) + [0]).withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { path in
                folder.hasPrefix("static") ? mkdir(path, 0o755) : creat(path, 0o644)
            }
        }
        #expect(made >= 0)
        if folder.hasPrefix("static") {
            let inside = (raw + Array("/inside.txt".utf8) + [0]).withUnsafeBufferPointer { p in
                p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { creat($0, 0o644) }
            }
            #expect(inside >= 0)
            close(inside)
        } else {
            close(made)
        }
        let r = site.build()
        #expect(!r.succeeded)
        let shown = String(name.dropFirst(site.root.path.count + 1)) + suffix
        #expect(r.errorLines.contains("\(shown):1:1: error: \(SourceTree.notUTF8)"), "\(r.errorLines)")
    }

    /// `static/` is read to a fixed depth; a file below it was left out without a word.
    @Test func aStaticTreeTooDeepIsAnErrorNotADrop() throws {
        // The deepest folder read, and one below it.
        let deep = Array(repeating: "d", count: SourceTree.maxStaticDepth - 1).joined(separator: "/")
        let site = try TempSite.minimal(["static/\(deep)/ok.txt": "at the limit", "static/\(deep)/e/lost.txt": "below it"])
        defer { site.cleanUp() }
        let r = site.build()
        #expect(!r.succeeded)
        #expect(r.errorLines == ["static/\(deep)/e/:1:1: error: cannot read folder: static/ is read \(SourceTree.maxStaticDepth) folders deep; move its files up"],
                "\(r.errorLines)")
        let fine = try TempSite.minimal(["static/\(deep)/ok.txt": "at the limit"])
        defer { fine.cleanUp() }
        #expect(fine.build().succeeded)
        #expect(fine.read("\(deep)/ok.txt") == "at the limit")
    }

    /// `static/.well-known/` is published (RFC 8615: `security.txt`, domain verification);
    /// other hidden names are not, and each is named in a warning but the bookkeeping ones.
    /// All of them were left out without a word.
    @Test func wellKnownIsPublishedAndOtherHiddenNamesAreNamed() throws {
        let site = try TempSite.minimal([
            "static/.well-known/security.txt": "Contact: mailto:security@example.org\n",
            "static/.env": "SECRET=1",
            "static/img/a.svg": "<svg/>",
            "static/img/.gitkeep": "",
            "static/img/.notes.txt": "draft",
            "static/img/.well-known/x.txt": "not at the top",
        ])
        defer { site.cleanUp() }
        let r = site.build()
        #expect(r.succeeded, "\(r.lines)")
        #expect(site.read(".well-known/security.txt") == "Contact: mailto:security@example.org\n")
        #expect(site.read("img/a.svg") == "<svg/>")
        for path in [".env", "img/.gitkeep", "img/.notes.txt", "img/.well-known"] { #expect(!site.exists(path), "\(path)") }
        let ignored = r.diagnostics.warnings.map(\.description).filter { $0.contains(SourceTree.hiddenIgnored) }
        #expect(ignored == ["static/.env:1:1: warning: \(SourceTree.hiddenIgnored)",
                            "static/img/.notes.txt:1:1: warning: \(SourceTree.hiddenIgnored)",
                            "static/img/.well-known:1:1: warning: \(SourceTree.hiddenIgnored)"], "\(ignored)")
        let again = site.build()
        #expect(again.timings.map(\.stage) == ["unchanged"], "the state describes .well-known/")
    }

    /// A link to a folder in `static/` is not followed (a link to a parent would never end),
    /// and a link that leads nowhere cannot be copied: both were left out without a word.
    @Test func linkedFoldersAreNamedAndDanglingLinksAreErrors() throws {
        let site = try TempSite.minimal(["static/real/a.txt": "a"])
        defer { site.cleanUp() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("static/alias").path, withDestinationPath: "real")
        let linked = site.build()
        #expect(linked.succeeded, "\(linked.lines)")
        #expect(site.read("real/a.txt") == "a")
        #expect(!site.exists("alias"))
        #expect(linked.diagnostics.warnings.map(\.description).contains("static/alias:1:1: warning: \(SourceTree.linkedFolderIgnored)"))
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("static/broken.txt").path, withDestinationPath: "nowhere.txt")
        let dangling = site.build()
        #expect(!dangling.succeeded)
        #expect(dangling.errorLines == ["static/broken.txt:1:1: error: \(SourceTree.dangling)"], "\(dangling.errorLines)")
    }
}
