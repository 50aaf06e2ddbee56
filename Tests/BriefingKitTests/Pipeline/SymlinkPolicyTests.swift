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
}
