import Foundation

/// Write stage: puts the built files in place without ever leaving a half-written site.
///
/// A full build writes into a staging folder beside the output, then the staging
/// folder replaces the output with two renames; a file whose bytes did not change
/// is hard-linked from the previous output instead of written again. When the last
/// build's `BuildState` describes the output exactly, `update` instead rewrites only
/// the files whose bytes changed, each through a temporary file and a rename, and
/// deletes the ones no longer built. Either way errors are found before writing
/// starts, and the state is written last, so a build cut short leaves no state and
/// the next build is a full one.
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
        guard path != BuildState.fileName else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != "" && $0 != "." && $0 != ".." }
    }

    /// Writes the site through a staging folder, comparing with the previous output's bytes.
    public func write(_ files: [OutputFile]) throws -> Report {
        var state = BuildState(key: "")
        return try write(files, hashes: files.parallelMap { ContentHash($0.bytes) }, state: &state)
    }

    /// The full path: staging folder, then swap. Used when no state describes the output,
    /// so a file counts as unchanged only when its previous bytes, read back, are the same.
    func write(_ files: [OutputFile], hashes: [ContentHash], state: inout BuildState) throws -> Report {
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
            try FileIO.makeFolders(Self.folders(of: files, in: staging.path))
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure.io("cannot create \(staging.path): \(error)")
        }
        let previous = output.path
        let target = staging.path
        let outcomes = Array(files.indices).parallelMap { i -> Result<(Bool, FileStamp), Failure> in
            let f = files[i]
            let prior = previous + "/" + f.path
            let to = target + "/" + f.path
            if Self.sameBytes(prior, f.bytes), link(prior, to) == 0, let st = FileIO.status(to) {
                return .success((true, st.stamp))
            }
            do { return .success((false, try FileIO.write(to, f.bytes))) } catch let e as Failure { return .failure(e) } catch {
                return .failure(.io("cannot write \(output.path)/\(f.path)"))
            }
        }
        var report = Report()
        do {
            try record(files, hashes, outcomes, into: &state, report: &report)
            _ = try FileIO.write(target + "/" + BuildState.fileName, state.encoded())
        } catch {
            try? fm.removeItem(at: staging)
            throw error
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
            let before = FileIO.walk(old.path).files.filter { $0 != BuildState.fileName }.count
            report.removed = max(0, before - report.unchanged)
            try? fm.removeItem(at: old)
        }
        return report
    }

    /// The incremental path: rewrites in place only what changed since `previous`,
    /// which must describe the output exactly (see `BuildState.describes`).
    func update(_ files: [OutputFile], hashes: [ContentHash], state: inout BuildState, previous: BuildState) throws -> Report {
        for f in files where !Self.isSafe(f.path) { throw Failure.unsafePath(f.path) }
        let root = output.path
        // From here until the new state is in place, the folder is not described by any state.
        unlink(root + "/" + BuildState.fileName)
        try FileIO.makeFolders(Self.folders(of: files, in: root))
        let pid = ProcessInfo.processInfo.processIdentifier
        let outcomes = Array(files.indices).parallelMap { i -> Result<(Bool, FileStamp), Failure> in
            let f = files[i]
            if let was = previous.outputs[f.path], was.hash == hashes[i], was.size == f.bytes.count {
                return .success((true, was.mtime))
            }
            let to = root + "/" + f.path
            let temp = Self.sibling(of: to, "briefing-new-\(pid)")
            do {
                let stamp = try FileIO.write(temp, f.bytes)
                guard rename(temp, to) == 0 else {
                    unlink(temp)
                    return .failure(.io("cannot replace \(to): \(String(cString: strerror(errno)))"))
                }
                return .success((false, stamp))
            } catch let e as Failure { return .failure(e) } catch { return .failure(.io("cannot write \(to)")) }
        }
        var report = Report()
        try record(files, hashes, outcomes, into: &state, report: &report)
        let kept = Set(files.map(\.path))
        var emptied: Set<String> = []
        for path in previous.outputOrder where !kept.contains(path) {
            if unlink(root + "/" + path) == 0 { report.removed += 1 }
            var dir = (path as NSString).deletingLastPathComponent
            while !dir.isEmpty { emptied.insert(dir); dir = (dir as NSString).deletingLastPathComponent }
        }
        // Folders left empty go too: a clean build has none.
        for dir in emptied.sorted(by: { $0.utf8.count > $1.utf8.count }) { rmdir(root + "/" + dir) }
        let temp = root + "/" + BuildState.fileName + ".new-\(pid)"
        _ = try FileIO.write(temp, state.encoded())
        guard rename(temp, root + "/" + BuildState.fileName) == 0 else { throw Failure.io("cannot write \(root)/\(BuildState.fileName)") }
        return report
    }

    private func record(_ files: [OutputFile], _ hashes: [ContentHash], _ outcomes: [Result<(Bool, FileStamp), Failure>],
                        into state: inout BuildState, report: inout Report) throws {
        state.outputs = [:]
        state.outputOrder = []
        state.outputs.reserveCapacity(files.count)
        for (i, outcome) in outcomes.enumerated() {
            let (unchanged, stamp) = try outcome.get()
            if unchanged { report.unchanged += 1 } else { report.written += 1 }
            state.outputs[files[i].path] = BuildState.Output(hash: hashes[i], size: files[i].bytes.count, mtime: stamp)
            state.outputOrder.append(files[i].path)
        }
    }

    /// `dir/.name.tag`: beside the file, so the rename stays on one file system.
    static func sibling(of path: String, _ tag: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return String(path[..<slash]) + "." + String(path[slash...]) + "." + tag
    }

    static func folders(of files: [OutputFile], in root: String) -> Set<String> {
        var out: Set<String> = []
        for f in files {
            var dir = Substring(f.path)
            while let slash = dir.lastIndex(of: "/") {
                dir = dir[..<slash]
                guard out.insert(root + "/" + dir).inserted else { break }
            }
        }
        return out
    }

    static func sameBytes(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let st = FileIO.status(path), st.isRegular, st.size == bytes.count, let data = FileIO.read(path) else { return false }
        return data == bytes
    }

    static func count(_ dir: URL) -> Int {
        FileIO.walk(dir.path).files.count
    }
}
