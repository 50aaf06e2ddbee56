import Foundation
import Testing
@testable import BriefingKit

/// The static part of the bad-input corpus: each folder under `Fixtures/bad/` holds
/// files laid over the minimal site, and `expected.txt` the exact error lines.
/// Run with `HARDENING_RECORD=1` to write the actual lines into a case that has none.
@Suite struct BadInputCorpusTests {
    static let corpus = Repository.root.appendingPathComponent("Tests/BriefingKitTests/Fixtures/bad")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func theCorpusIsThere() {
        #expect(Self.cases.count >= 20, "Fixtures/bad holds \(Self.cases.count) cases")
    }

    @Test(arguments: cases) func badTreeIsRejected(_ name: String) throws {
        let dir = Self.corpus.appendingPathComponent(name)
        let check = try RejectionCheck(name)
        defer { check.cleanUp() }
        let errors = try check.expectRejected { site in
            for (path, _) in RejectionCheck.listing(dir, skipping: nil) where path != "expected.txt" {
                var isDir: ObjCBool = false
                let from = dir.appendingPathComponent(path)
                guard FileManager.default.fileExists(atPath: from.path, isDirectory: &isDir), !isDir.boolValue else { continue }
                let to = site.root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: to)
                try FileManager.default.copyItem(at: from, to: to)
            }
        }
        let expectedFile = dir.appendingPathComponent("expected.txt")
        guard let expected = try? String(contentsOf: expectedFile, encoding: .utf8) else {
            if ProcessInfo.processInfo.environment["HARDENING_RECORD"] != nil {
                try (errors.joined(separator: "\n") + "\n").write(to: expectedFile, atomically: true, encoding: .utf8)
            }
            Issue.record("\(name) has no expected.txt; the build said:\n\(errors.joined(separator: "\n"))")
            return
        }
        #expect(errors == expected.split(separator: "\n").map(String.init))
    }
}
