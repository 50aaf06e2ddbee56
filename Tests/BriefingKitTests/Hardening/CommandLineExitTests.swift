import Foundation
import Testing
@testable import BriefingKit

/// The contract's exit code, from the real executable: a bad tree exits 1 with
/// `path:line:col` lines on stderr and leaves the last good site alone.
@Suite struct CommandLineExitTests {
    /// `briefing`, built beside the test bundle by `swift build`/`swift test`.
    static let executable: URL? = {
        let dir = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
        let url = dir.appendingPathComponent("briefing")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }()

    func run(_ arguments: [String], in dir: URL) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try #require(Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: executable != nil, "the briefing executable is not beside the test bundle"))
    func badTreeExitsOne() throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        let good = try run(["build", "--source", ".", "--output", "site", "--quiet"], in: site.root)
        #expect(good.status == 0, "\(good.stderr)")
        let before = RejectionCheck.contents(of: site.output)
        try site.write("content/pages/p.md", "---\ntitle: [P\n---\nSee [[nowhere]].\n")
        try site.write("content/pages/q.md", "---\ntitle: Q\n---\nSee [[nowhere]].\n")
        let bad = try run(["build", "--source", ".", "--output", "site"], in: site.root)
        #expect(bad.status == 1)
        let lines = bad.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("content/pages/p.md:3:1: error: invalid YAML") }, "\(bad.stderr)")
        #expect(lines.contains("content/pages/q.md:4:5: error: broken reference [[nowhere]]: nothing has the slug 'nowhere' (no briefing, meeting or page of that name)"))
        #expect(RejectionCheck.contents(of: site.output) == before)
        let usage = try run(["build", "--no-such-option"], in: site.root)
        #expect(usage.status == 2)
    }

    /// `--base-url` obeys the rule `base_url` in briefing.yml obeys: it goes into
    /// every canonical link, the sitemap and the feed.
    @Test(.enabled(if: executable != nil, "the briefing executable is not beside the test bundle"))
    func aBaseURLThatIsNotHTTPIsAUsageError() throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        for bad in ["javascript:alert(1)", "not a url", "https://", "https://exa mple.org/"] {
            let r = try run(["build", "--source", ".", "--output", "site", "--base-url", bad], in: site.root)
            #expect(r.status == 2, "\(bad): \(r.stderr)")
            #expect(r.stderr.contains("--base-url"), "\(bad): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: site.output.path), "\(bad) built a site")
        }
        let good = try run(["build", "--source", ".", "--output", "site", "--quiet", "--base-url", "https://review.example.org/ssr2"], in: site.root)
        #expect(good.status == 0, "\(good.stderr)")
    }

    @Test func baseURLRule() {
        #expect(SiteConfig.baseURLProblem("") == nil)
        #expect(SiteConfig.baseURLProblem("https://review.example.org/ssr2/") == nil)
        #expect(SiteConfig.baseURLProblem("http://127.0.0.1:8000") == nil)
        #expect(SiteConfig.baseURLProblem("javascript:alert(1)") != nil)
        #expect(SiteConfig.baseURLProblem("//review.example.org/") != nil)
        #expect(SiteConfig.baseURLProblem("https:///path") != nil)
        #expect(SiteConfig.baseURLProblem("https://a.org/\u{7}") != nil)
        #expect(SiteConfig.baseURLProblem("https://a.org/ b") != nil)
    }
}
