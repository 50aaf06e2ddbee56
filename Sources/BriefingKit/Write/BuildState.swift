import Foundation

/// What the last successful build read and wrote, kept beside the site as
/// `OUTPUT/.briefing-state` so the next build can tell what changed.
///
/// A dotfile inside the output folder, because nothing but the staging folder
/// may be written outside it, and the state must move with the site it
/// describes: swapped in with it, deleted with it. It names source paths,
/// hashes and the build's diagnostics; static hosts may serve it, and nothing
/// in it is secret.
struct BuildState: Equatable, Sendable {
    static let fileName = ".briefing-state"
    static let header = "briefing-state 2"

    struct Output: Equatable, Sendable {
        var hash: ContentHash
        var size: Int
        /// When the file was written (seconds and nanoseconds), to notice a hand edit.
        var mtime: FileStamp
    }

    /// Everything that decides the output besides the files: the tool, the options.
    var key: String
    /// Source-relative path → hash of its bytes.
    var inputs: [String: ContentHash] = [:]
    var outputs: [String: Output] = [:]
    /// In the order the build made them, so `files` lists them the same way.
    var outputOrder: [String] = []
    /// Page path → what its bytes followed from (see `PageFingerprint`).
    var fingerprints: [String: ContentHash] = [:]
    var diagnostics: [Diagnostic] = []

    // MARK: text form: one record per line, fields separated by tabs, `%`-escaped.

    func encoded() -> [UInt8] {
        var s = Self.header + "\n" + "key\t" + Self.escape(key) + "\n"
        for (path, hash) in inputs.sorted(by: { $0.key < $1.key }) {
            s += "in\t\(hash)\t\(Self.escape(path))\n"
        }
        for path in outputOrder {
            guard let o = outputs[path] else { continue }
            s += "out\t\(o.hash)\t\(o.size)\t\(o.mtime.seconds)\t\(o.mtime.nanoseconds)\t\(Self.escape(path))\n"
            if let f = fingerprints[path] { s += "page\t\(f)\t\(Self.escape(path))\n" }
        }
        for d in diagnostics {
            s += "diag\t\(d.severity.rawValue)\t\(d.location.line)\t\(d.location.column)\t\(Self.escape(d.location.path))\t\(Self.escape(d.message))\n"
        }
        return Array(s.utf8)
    }

    init(key: String) { self.key = key }

    init?(decoding bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.popFirst() == Substring(Self.header) else { return nil }
        key = ""
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch f.first {
            case "key" where f.count == 2:
                key = Self.unescape(f[1])
            case "in" where f.count == 3:
                guard let h = ContentHash(hex: f[1]) else { return nil }
                inputs[Self.unescape(f[2])] = h
            case "out" where f.count == 6:
                guard let h = ContentHash(hex: f[1]), let size = Int(f[2]), let sec = Int(f[3]), let ns = Int(f[4]) else { return nil }
                let path = Self.unescape(f[5])
                outputs[path] = Output(hash: h, size: size, mtime: FileStamp(seconds: sec, nanoseconds: ns))
                outputOrder.append(path)
            case "page" where f.count == 3:
                guard let h = ContentHash(hex: f[1]) else { return nil }
                fingerprints[Self.unescape(f[2])] = h
            case "diag" where f.count == 6:
                guard let severity = Diagnostic.Severity(rawValue: String(f[1])), let line = Int(f[2]), let column = Int(f[3]) else { return nil }
                diagnostics.append(Diagnostic(severity, SourceLocation(path: Self.unescape(f[4]), line: line, column: column), Self.unescape(f[5])))
            default:
                return nil
            }
        }
    }

    static func read(in output: URL) -> BuildState? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(fileName).path) else { return nil }
        return BuildState(decoding: [UInt8](data))
    }

    private static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 37 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return s }
        return s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    private static func unescape(_ s: Substring) -> String {
        guard s.contains("%") else { return String(s) }
        return s.replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
    }
}

/// A file's modification time as `stat` gives it.
struct FileStamp: Equatable, Sendable {
    var seconds: Int
    var nanoseconds: Int
}
