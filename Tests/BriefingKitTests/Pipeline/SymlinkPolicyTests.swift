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
}
