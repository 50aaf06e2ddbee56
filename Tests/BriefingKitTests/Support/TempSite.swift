import Foundation
@testable import BriefingKit

/// A source tree in a fresh temporary folder, built by the real pipeline.
struct TempSite {
    let root: URL
    var output: URL { root.appendingPathComponent("site") }

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("briefing-test-\(UUID().uuidString)", isDirectory: true)
        for (path, text) in files { try write(path, text) }
    }

    /// The smallest valid site, plus or minus some files.
    static func minimal(_ extra: [String: String] = [:]) throws -> TempSite {
        var files = [
            "briefing.yml": "title: Test Review\nbase_url: https://example.org/review/\nlanguage: en\n",
            "content/briefings/cto.md": "---\ntitle: CTO Briefing\nteam: CTO\nmeeting: call-1\n---\nThe CTO team.\n",
            "content/meetings/call-1.md": "---\ntitle: Call 1\ndate: 2017-09-07\n---\n1. Welcome\n",
            "content/recommendations/1.md": """
            ---
            number: 1
            title: Remit
            briefing: cto
            questions:
              - id: "1.1"
                text: What changed?
                asked: call-1
            ---
            ICANN should publish a statement.
            """,
        ]
        for (k, v) in extra { files[k] = v }
        return try TempSite(files)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// As `serve` builds: each build reuses what the last one in the process kept, so
    /// every test also checks that reuse changes nothing.
    func options(output: URL? = nil) -> SiteBuilder.Options {
        var options = SiteBuilder.Options(source: root, displaySource: "", output: output ?? self.output)
        options.remembersBuilds = true
        return options
    }

    @discardableResult
    func build() -> SiteBuilder.Result { SiteBuilder(options()).build() }

    func check() -> SiteBuilder.Result { SiteBuilder(options()).make() }

    func read(_ path: String) -> String? {
        (try? Data(contentsOf: output.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// What `build()` wrote, read back: a build hands on paths only.
    func written(_ result: SiteBuilder.Result) -> [OutputFile] {
        result.files.map { OutputFile(path: $0.path, bytes: [UInt8]((try? Data(contentsOf: output.appendingPathComponent($0.path))) ?? Data())) }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path) }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}

extension SiteBuilder.Result {
    /// Diagnostics as printed, for assertions on the exact text.
    var lines: [String] { diagnostics.sorted.map(\.description) }
    var errorLines: [String] { diagnostics.sorted.filter { $0.severity == .error }.map(\.description) }
}

/// The repository's root, found from this file's path.
enum Repository {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()
}
