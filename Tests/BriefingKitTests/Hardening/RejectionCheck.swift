import Foundation
import Testing
@testable import BriefingKit

/// The promises every bad source tree is held to (issue #7): the build fails with
/// `path:line:col: error:` lines, the previous output stays byte for byte, and
/// nothing appears outside the output folder.
///
/// A case starts from `TempSite.minimal()`, builds it once to have a last good
/// site, breaks the tree, builds again and compares.
struct RejectionCheck {
    /// `path:line:col: error: message` with positive numbers. (Not a Regex literal:
    /// compiling one leaks under LeakSanitizer, which `make sanitize` runs this suite with.)
    static func isDiagnostic(_ line: String) -> Bool {
        let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, !parts[0].isEmpty, let l = Int(parts[1]), let c = Int(parts[2]), l > 0, c > 0 else { return false }
        return parts[3].hasPrefix(" error: ") && parts[3].count > 8
    }

    let site: TempSite
    let name: String

    init(_ name: String, extra: [String: String] = [:]) throws {
        self.name = name
        site = try TempSite.minimal(extra)
        let good = site.build()
        #expect(good.succeeded, "\(name): the good tree must build first: \(good.lines)")
    }

    /// Breaks the tree with `damage`, builds, and checks every promise.
    /// Returns the error lines for exact assertions by the caller.
    @discardableResult
    func expectRejected(output: URL? = nil, lineless: Bool = false, _ damage: (TempSite) throws -> Void) throws -> [String] {
        let lastGood = Self.contents(of: site.output)
        try damage(site)
        let before = Self.listing(site.root, skipping: site.output)
        let clock = ContinuousClock.now
        let result = SiteBuilder(site.options(output: output)).build()
        let took = ContinuousClock.now - clock
        Timings.record(name, took)
        let errors = result.errorLines
        for line in errors.prefix(12) { print("hardening-error \(name) | \(line.prefix(300))") }
        #expect(!result.succeeded, "\(name): the build must fail")
        #expect(!errors.isEmpty, "\(name): errors must be reported")
        #expect(result.write == nil, "\(name): nothing may be written")
        if !lineless {
            for line in errors {
                #expect(Self.isDiagnostic(line), "\(name): not path:line:col: \(line)")
            }
        }
        #expect(Self.contents(of: site.output) == lastGood, "\(name): the last good site changed")
        #expect(Self.listing(site.root, skipping: site.output) == before, "\(name): files appeared or vanished outside the output folder")
        return errors
    }

    func cleanUp() {
        // Make anything we made unreadable readable again so it can be removed.
        if let e = FileManager.default.enumerator(atPath: site.root.path) {
            while let p = e.nextObject() as? String {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: site.root.appendingPathComponent(p).path)
            }
        }
        site.cleanUp()
    }

    /// Every regular file below `dir` with its bytes.
    static func contents(of dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        for (path, type) in listing(dir, skipping: nil) where type == "file" {
            out[path] = FileManager.default.contents(atPath: dir.appendingPathComponent(path).path)
        }
        return out
    }

    /// Paths below `dir` and what each is, never following symbolic links (a tree
    /// may hold a loop on purpose).
    static func listing(_ dir: URL, skipping skipped: URL?) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        func visit(_ d: URL, _ prefix: String) {
            guard let names = try? fm.contentsOfDirectory(atPath: d.path) else { return }
            for name in names {
                let url = d.appendingPathComponent(name)
                if let skipped, url.standardizedFileURL.path == skipped.standardizedFileURL.path { continue }
                let type = (try? fm.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
                switch type {
                case .typeDirectory?: out[prefix + name] = "dir"; visit(url, prefix + name + "/")
                case .typeSymbolicLink?: out[prefix + name] = "link"
                default: out[prefix + name] = "file"
                }
            }
        }
        visit(dir, "")
        return out
    }
}

/// Build durations of the hardening cases, printed for docs/hardening.md
/// (unit tests assert nothing about time: the machine may be busy).
enum Timings {
    static func record(_ name: String, _ d: Duration) {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        print(String(format: "hardening-timing %@ %.3f s", name, s))
    }
}
