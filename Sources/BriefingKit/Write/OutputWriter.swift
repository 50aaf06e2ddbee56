import Foundation

/// Write stage: puts the built files in place without ever leaving a half-written site.
///
/// Files go into a staging folder beside the output, then the staging folder
/// replaces the output with two renames. A file whose bytes did not change is
/// hard-linked from the previous output instead of written again, which keeps
/// a rebuild cheap and its timestamps still.
public struct OutputWriter: Sendable {
    public struct Report: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    public enum Failure: Error, CustomStringConvertible {
        case unsafePath(String)
        case io(String)
        public var description: String {
            switch self {
            case .unsafePath(let p): "refusing to write '\(p)': it would land outside the output folder"
            case .io(let m): m
            }
        }
    }

    public let output: URL

    public init(output: URL) { self.output = output.standardizedFileURL }

    /// Only plain relative paths below the output folder are written.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." }
    }

    public func write(_ files: [OutputFile]) throws -> Report {
        for f in files where !Self.isSafe(f.path) { throw Failure.unsafePath(f.path) }
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(name).staging-\(pid)")
        let old = parent.appendingPathComponent(".\(name).old-\(pid)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw Failure.io("cannot create \(staging.path): \(error.localizedDescription)")
        }
        var report = Report()
        var made: Set<String> = [staging.path]
        let previous = output.path
        for f in files {
            let target = staging.appendingPathComponent(f.path)
            let dir = target.deletingLastPathComponent()
            if !made.contains(dir.path) {
                try? fm.createDirectory(at: dir, withIntermediateDirectories: true)
                made.insert(dir.path)
            }
            let prior = previous + "/" + f.path
            if Self.sameBytes(prior, f.bytes), link(prior, target.path) == 0 {
                report.unchanged += 1
                continue
            }
            guard fm.createFile(atPath: target.path, contents: Data(f.bytes)) else {
                try? fm.removeItem(at: staging)
                throw Failure.io("cannot write \(output.path)/\(f.path)")
            }
            report.written += 1
        }
        // Swap: the old site stays whole until the new one is complete.
        var isDir: ObjCBool = false
        let hadOutput = fm.fileExists(atPath: output.path, isDirectory: &isDir)
        if hadOutput && !isDir.boolValue {
            try? fm.removeItem(at: staging)
            throw Failure.io("\(output.path) exists and is not a folder")
        }
        do {
            if hadOutput { try fm.moveItem(at: output, to: old) }
            try fm.moveItem(at: staging, to: output)
        } catch {
            if hadOutput && !fm.fileExists(atPath: output.path) { try? fm.moveItem(at: old, to: output) }
            try? fm.removeItem(at: staging)
            throw Failure.io("cannot move the new site into \(output.path): \(error.localizedDescription)")
        }
        if hadOutput {
            report.removed = max(0, Self.count(old) - report.unchanged)
            try? fm.removeItem(at: old)
        }
        return report
    }

    static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
              (attrs[.size] as? Int) == bytes.count,
              let data = FileManager.default.contents(atPath: path) else { return false }
        return data.elementsEqual(bytes)
    }

    static func count(_ dir: URL) -> Int {
        var n = 0
        if let e = FileManager.default.enumerator(atPath: dir.path) {
            while let p = e.nextObject() as? String {
                if (e.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { _ = p; n += 1 }
            }
        }
        return n
    }
}
