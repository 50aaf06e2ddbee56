import Foundation

/// Write stage: puts the built files in place without ever leaving a half-written site.
///
/// A full build writes into a staging folder beside the output (`staging`), then the
/// staging folder replaces the output with two renames; a file whose bytes did not
/// change is hard-linked from the previous output instead of written again. When the
/// last build's `BuildState` describes the output exactly, `updating` instead rewrites
/// only the files whose bytes changed, in two phases: each is written beside its old
/// self under a temporary name, and only when all of them and the new state are
/// written are they renamed into place and the files no longer built deleted. Either
/// way content errors are found before writing starts, files are written as they are
/// rendered (`Session`), a failure while writing leaves the site and its state as they
/// were, and the state is put in place last, so a build cut short during the renames
/// leaves no state and the next build is a full one.
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
        /// After an in-place build began renaming its files into place: the output is then
        /// part old, part new and holds no state, so the next build is a full one.
        case incomplete(String)
        /// A page that could not be rendered (see `TemplateNesting`): the site's error, not the file system's.
        case render(Diagnostic)
        public var description: String {
            switch self {
            case .unsafePath(let p): "refusing to write '\(p)': it would land outside the output folder"
            case .io(let m), .incomplete(let m): m
            case .render(let d): d.description
            }
        }
    }

    public let output: URL

    public init(output: URL) { self.output = output.standardizedFileURL }

    /// Only plain relative paths below the output folder are written.
    static func isSafe(_ path: String) -> Bool {
        // On bytes, as the file system reads it (Foundation's `contains` and splitting on
        // Characters cost a few microseconds a path, for every file of every build).
        let u = path.utf8
        guard !u.isEmpty, !u.contains(92), !u.contains(0), path != BuildState.fileName else { return false }
        return u.split(separator: 47, omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && !part.elementsEqual([46]) && !part.elementsEqual([46, 46])
        }
    }

    /// The full path, used when no state describes the output: files go into a staging
    /// folder beside it as they come, then the folder is swapped in. A file counts as
    /// unchanged only when its previous bytes, read back, are the same. Only the folders
    /// that hold more than one entry are made here; a page's own folder is made beside
    /// rendering (see `FolderMaker`).
    func staging(paths: [String]) throws -> Session {
        for p in paths where !Self.isSafe(p) { throw Failure.unsafePath(p) }
        let layout = FolderLayout(paths)
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).staging-\(pid)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            try FileIO.makeFolders(Set(layout.shared.map { staging.path + "/" + $0 }))
        } catch {
            try? fm.removeItem(at: staging)
            // Foundation's errors print as a dump of their user info; a maintainer wants the reason.
            let ns = error as NSError
            let posix = (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
            throw Failure.io("cannot create \(staging.path): \(posix.map { String(cString: strerror(Int32($0))) } ?? ns.localizedDescription)")
        }
        return Session(output: output, mode: .staging(staging), previous: nil,
                       folderMaker: FolderMaker(root: staging.path, folders: layout.own))
    }

    /// The incremental path: rewrites in place only what changed since `previous`,
    /// which must describe the output exactly (see `BuildState.describes`) and be one
    /// `canUpdate` accepts. Nothing is replaced before `Session.finish`; the folders made
    /// here are removed again if the build fails.
    func updating(paths: [String], previous: BuildState) throws -> Session {
        for p in paths where !Self.isSafe(p) { throw Failure.unsafePath(p) }
        let made = try FileIO.makeFolders(Self.folders(of: paths, in: output.path))
        return Session(output: output, mode: .inPlace, previous: previous, madeFolders: made)
    }

    /// False when a file of the new site is a folder of the old one or of the new one, or
    /// the other way round. In place, the new file could then be written only after the
    /// old one is gone, or its rename would fail halfway through putting the new site in
    /// place; a staging build replaces the folder whole instead.
    static func canUpdate(paths: [String], previous: BuildState) -> Bool {
        let files = Set(paths).union(previous.outputOrder)
        return folders(of: files).isDisjoint(with: files)
    }

    /// `dir/.name.tag`: beside the file, so the rename stays on one file system.
    ///
    /// Paths are split at a `/` byte, never by characters: a name that starts with a combining
    /// mark makes one character of the slash before it, which a search for the character `/`
    /// does not find (a static file `x/\u{301}y.txt` could not be written).
    static func sibling(of path: String, _ tag: String) -> String {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path.utf8.index(after: $0) } ?? path.startIndex
        return String(path[..<slash]) + "." + String(path[slash...]) + "." + tag
    }

    static func folders(of paths: [String], in root: String) -> Set<String> {
        Set(folders(of: paths).map { root + "/" + $0 })
    }

    /// The folders `paths` (relative to the site) sit in, each parent once, relative too.
    static func folders<S: Sequence<String>>(of paths: S) -> Set<String> {
        var out: Set<String> = []
        for path in paths {
            var dir = Substring(path)
            while let slash = dir.utf8.lastIndex(of: UInt8(ascii: "/")) {  // a byte, as `sibling` says
                dir = dir[..<slash]
                guard out.insert(String(dir)).inserted else { break }
            }
        }
        return out
    }
}
