import Foundation

/// Write stage: puts the built files in place without ever leaving a half-written site.
///
/// A full build writes into a staging folder beside the output (`staging`), then the
/// staging folder replaces the output with two renames; a file whose bytes did not
/// change is hard-linked from the previous output instead of written again. When the
/// last build's `BuildState` describes the output exactly, `updating` instead rewrites
/// only the files whose bytes changed, each through a temporary file and a rename, and
/// deletes the ones no longer built. Either way content errors are found before
/// writing starts, files are written as they are rendered (`Session`), and the state
/// is written last, so a build cut short leaves no state and the next build is a
/// full one.
public struct OutputWriter: Sendable {
    public struct Report: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
        /// Pages not even rendered, their fingerprint unchanged (counted among `unchanged`).
        public var kept = 0
    }

    public enum Failure: Error, CustomStringConvertible {
        case unsafePath(String)
        case io(String)
        /// A page that could not be rendered (see `TemplateNesting`): the site's error, not the file system's.
        case render(Diagnostic)
        public var description: String {
            switch self {
            case .unsafePath(let p): "refusing to write '\(p)': it would land outside the output folder"
            case .io(let m): m
            case .render(let d): d.description
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

    /// The full path, used when no state describes the output: files go into a staging
    /// folder beside it as they come, then the folder is swapped in. A file counts as
    /// unchanged only when its previous bytes, read back, are the same.
    func staging(paths: [String]) throws -> Session {
        for p in paths where !Self.isSafe(p) { throw Failure.unsafePath(p) }
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(pid)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try FileIO.makeFolders(Self.folders(of: paths, in: staging.path))
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure.io("cannot create \(staging.path): \(error)")
        }
        return Session(output: output, mode: .staging(staging), previous: nil)
    }

    /// The incremental path: rewrites in place only what changed since `previous`,
    /// which must describe the output exactly (see `BuildState.describes`).
    func updating(paths: [String], previous: BuildState) throws -> Session {
        for p in paths where !Self.isSafe(p) { throw Failure.unsafePath(p) }
        // From here until the new state is in place, the folder is not described by any state.
        unlink(output.path + "/" + BuildState.fileName)
        try FileIO.makeFolders(Self.folders(of: paths, in: output.path))
        return Session(output: output, mode: .inPlace, previous: previous)
    }

    /// `dir/.name.tag`: beside the file, so the rename stays on one file system.
    static func sibling(of path: String, _ tag: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return String(path[..<slash]) + "." + String(path[slash...]) + "." + tag
    }

    static func folders(of paths: [String], in root: String) -> Set<String> {
        var out: Set<String> = []
        for path in paths {
            var dir = Substring(path)
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
}
