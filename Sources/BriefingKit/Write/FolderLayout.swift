import Foundation
import Synchronization

/// The folders a set of site paths needs, split by who makes them.
struct FolderLayout {
    /// Folders that hold a subfolder or more than one file: made before any file is written, parents first.
    var shared: Set<String> = []
    /// Folders that hold exactly one file and nothing else, in the order of `paths`: the file's writer makes sure of it.
    var own: [String] = []

    init(_ paths: [String]) {
        var files: [String: Int] = [:]
        for path in paths {
            guard let folder = Self.folder(of: path) else { continue }
            files[folder, default: 0] += 1
        }
        // Every folder above a file's folder is some folder's parent.
        let parents = OutputWriter.folders(of: files.keys)
        for path in paths {
            guard let folder = Self.folder(of: path) else { continue }
            if files[folder] == 1 && !parents.contains(folder) { own.append(folder) } else { shared.insert(folder) }
        }
        shared.formUnion(parents)
    }

    /// The folder a site path sits in; nil at the top. Split at a `/` byte (`OutputWriter.sibling` says why).
    static func folder(of path: String) -> String? {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) }
    }
}

/// Makes a staging build's page folders on a thread of its own while the pages render.
///
/// On ext4 making a folder is the costliest call a build makes: allocating its inode
/// scans past every inode deleted in the last minutes, and a benchmark (or a maintainer)
/// that deletes the site before building has just deleted 2,800. Made up front, the
/// 1,300 page folders of a 1250x8 site kept one core in the kernel while the other
/// waited. Two threads making them at once are no better: `mkdir` holds the parent
/// folder's lock, and the waiter spins on it. So one thread makes them, in the order
/// the pages are listed, beside rendering; a writer that gets ahead of it makes its
/// folder itself (`ensure`), so nothing ever waits for the thread and nothing depends
/// on it: the writer's own `mkdir` meets any error the thread met.
final class FolderMaker: Sendable {
    private final class Flag: Sendable { let raised = Atomic<Bool>(false) }
    private let stopping = Flag()
    /// The thread's run: done when every folder is made or the maker stopped.
    private let making: Prepared<Void>
    private let root: String
    private let folders: Set<String>

    init(root: String, folders: [String]) {
        self.root = root
        self.folders = Set(folders)
        making = Prepared { [stopping] in
            for folder in folders where !stopping.raised.load(ordering: .relaxed) {
                _ = mkdir(root + "/" + folder, 0o755)
            }
        }
    }

    /// Makes sure the folder that `file` (a site path) sits in exists, when it is one of this
    /// maker's: its writer may get there before the thread does.
    func ensureFolder(of file: String) -> OutputWriter.Failure? {
        guard let folder = FolderLayout.folder(of: file), folders.contains(folder) else { return nil }
        return Self.ensure(root + "/" + folder)
    }

    /// Makes sure `path`, a folder, exists: a look first, which takes no lock, then `mkdir`.
    static func ensure(_ path: String) -> OutputWriter.Failure? {
        if FileIO.status(path) != nil || mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
        return .io("cannot create \(path): \(String(cString: strerror(errno)))")
    }

    /// Stops the thread and waits for it, before its folder is swapped in or removed. Idempotent.
    func stop() {
        stopping.raised.store(true, ordering: .relaxed)
        making.value
    }

    deinit { stop() }
}
