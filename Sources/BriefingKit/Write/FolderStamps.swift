#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Which output folders a build with nothing to do may take as they were written,
/// without listing them: the state's `dir` records.
///
/// Adding, removing or renaming an entry sets its folder's change time (`ctime`) to
/// the file system's clock, which no program can set back. So a folder with the same
/// inode and change time as when the state was written holds the same entries, if its
/// recorded time was already past when the record was made: a change in the same tick
/// of a coarse clock (a second on some file systems) would keep the time. Each record is
/// therefore checked against a time read from the same file system just before the
/// folders are (`probe`, the state file's own modification time), as git does for its
/// index. At 10,000 questions the check listed 1,400 folders in 12.5 ms of one core, the
/// longest thread of a build with nothing to do; with the records, a `stat` per folder
/// and file, 8.5 ms.
///
/// A record is a hint, never needed: a folder without one, or whose inode or time
/// differ, is listed and compared name by name, as every folder was before.
enum FolderStamps {
    /// Every folder of a staging build's output, under `root` (the staging folder, whose
    /// every entry the build made), that did not change in the probe's tick or after it.
    static func recorded(below root: String, paths: [String], probe: FileStamp) -> [String: BuildState.Folder] {
        // On both cores: it runs after the last page is written, when nothing else does.
        let folders = Array(OutputWriter.folders(of: paths))
        let stamps = folders.parallelMap { stamp(root + "/" + $0) }
        var out: [String: BuildState.Folder] = [:]
        out.reserveCapacity(folders.count)
        for (folder, found) in zip(folders, stamps) where found.map({ $0.changed < probe }) == true { out[folder] = found }
        return out
    }

    /// The records of `previous` that still hold under `root` for a folder the new output
    /// keeps: an in-place build lists no folder, so it can only keep records of folders it
    /// did not touch. Those it wrote into it changed already; `except` names those it will
    /// rename or remove files in after the state is written.
    static func kept(_ previous: [String: BuildState.Folder], below root: String, paths: [String],
                     except changing: Set<String>) -> [String: BuildState.Folder] {
        let folders = OutputWriter.folders(of: paths)
        let candidates = previous.filter { folders.contains($0.key) && !changing.contains($0.key) }.map { (folder: $0.key, record: $0.value) }
        let holding = candidates.parallelMap { stamp(root + "/" + $0.folder) == $0.record }
        return Dictionary(uniqueKeysWithValues: zip(candidates, holding).filter(\.1).map { ($0.0.folder, $0.0.record) })
    }

    /// The folder a path of the output sits in ("" for the root).
    static func parent(_ path: String) -> String { FolderLayout.folder(of: path) ?? "" }

    /// A folder's inode and change time; nil for anything but a folder (a link to one too).
    static func stamp(_ path: String) -> BuildState.Folder? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return BuildState.Folder(st)
    }
}

extension BuildState.Folder {
    /// The record of what `lstat` or `fstatat` saw; nil for anything but a folder.
    init?(_ st: stat) {
        guard (st.st_mode & S_IFMT) == S_IFDIR else { return nil }
        self.init(inode: UInt64(st.st_ino), changed: st.changed)
    }
}

extension BuildState {
    /// The output folder holds exactly the files this state lists, each as it was written.
    ///
    /// Walks the folders the outputs sit in, not the folder as it is: each is listed and
    /// its names compared, unless its `dir` record still holds (`FolderStamps`); every file
    /// is `stat`ed for its size and modification time. The root is always listed: the
    /// state's own renaming into it changes it after the state is written. Folders with no
    /// file in them do not count, as they never did.
    ///
    /// The folders are checked on both cores, and every `stat` names its file from the
    /// output folder, opened once: this is the longest thread of a build with nothing to
    /// do, and a whole path made the kernel look up each of its folders again per file.
    func describes(_ output: URL) -> Bool {
        let root = output.path
        // Each folder's expected entries; a folder already known has its parents known too.
        // Split at the last "/" byte (`OutputWriter.sibling` says why), which also spares
        // walking every path's characters (`dropFirst`, `lastIndex(of: "/")`).
        var expected: [String: [String: Expected]] = ["": [Self.fileName: .state]]
        for (path, o) in outputs {
            var child = Substring(path), entry = Expected.file(o)
            while true {
                let slash = child.utf8.lastIndex(of: UInt8(ascii: "/"))
                let folder = slash.map { String(child[..<$0]) } ?? ""
                let known = expected[folder] != nil
                expected[folder, default: [:]][String(slash.map { child[child.utf8.index(after: $0)...] } ?? child)] = entry
                guard !known, let slash else { break }
                child = child[..<slash]
                entry = .folder
            }
        }
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let rootFolder = OpenFolder(path: root, descriptor: fd)
        let records = folders
        let held = Array(expected).parallelMap { folder, entries in
            Self.holds(folder, entries, in: rootFolder, record: records[folder])
        }
        return !held.contains(false)
    }

    /// What a folder of the output must hold, by name.
    fileprivate enum Expected: Sendable { case file(Output), folder, state }

    /// The output folder, opened: its path for listing, its descriptor for `fstatat`.
    private struct OpenFolder: Sendable {
        let path: String
        let descriptor: Int32

        func status(_ relative: String) -> FileIO.Status? {
            var st = stat()
            guard fstatat(descriptor, relative, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            return FileIO.Status(st)
        }

        /// As `FolderStamps.stamp` gives it: nil for anything but a folder (a link to one too).
        func folderStamp(_ relative: String) -> Folder? {
            var st = stat()
            guard fstatat(descriptor, relative, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            return Folder(st)
        }
    }

    /// One folder of `describes`: listed unless its record holds, every file as recorded.
    private static func holds(_ folder: String, _ entries: [String: Expected], in root: OpenFolder, record: Folder?) -> Bool {
        let prefix = folder.isEmpty ? "" : folder + "/"
        let path = folder.isEmpty ? root.path : root.path + "/" + folder
        // A real folder: a link in its place would have the next build write through it.
        let stamp = folder.isEmpty ? nil : root.folderStamp(folder)
        if !folder.isEmpty && stamp == nil { return false }
        if folder.isEmpty || record != stamp {
            guard let found = FileIO.entries(path) else { return false }
            var listed = 0
            for (name, type, _) in found {
                if entries[name] != nil { listed += 1; continue }
                // A stray folder without a file in it leaves every file as the state says.
                let isFolder = type == Int32(DT_DIR) || (type == Int32(DT_UNKNOWN) && FileIO.status(path + "/" + name)?.isDirectory == true)
                guard isFolder, FileIO.walk(path + "/" + name).files.isEmpty else { return false }
            }
            guard listed == entries.count else { return false }
        }
        for (name, entry) in entries {
            switch entry {
            case .file(let o):
                guard let st = root.status(prefix + name), st.isRegular, st.size == o.size, st.stamp == o.mtime else { return false }
            case .state:
                guard root.status(prefix + name)?.isRegular == true else { return false }
            case .folder:
                continue
            }
        }
        return true
    }
}
