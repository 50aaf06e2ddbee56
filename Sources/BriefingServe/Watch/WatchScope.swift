import BriefingKit
import Foundation

/// Which files of a site a change in matters to a rebuild.
public enum WatchScope {
    /// Watched with everything below them.
    public static let folders = ["content", "templates", "static"]
    /// Watched one by one, at the site's root.
    public static let files = ["briefing.yml"]

    /// Editors' swap, backup and lock files, which the build never reads:
    /// `.11.md.swp`, `.#11.md`, `11.md~`, and vim's `4913` write probe.
    public static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name == "4913"
            || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".tmp")
    }

    /// Whether `name` in the watched folder `folder` is a source despite being hidden: the
    /// one hidden folder the build publishes, `static/.well-known/`.
    public static func isPublishedHidden(_ name: String, in folder: String) -> Bool {
        SourceTree.publishes(hidden: name, atTop: folder == "static")
    }

    /// Whether an entry named `name` directly in the site's root is watched.
    public static func isWatchedAtRoot(_ name: String) -> Bool {
        folders.contains(name) || files.contains(name)
    }

    /// The folders below the watched ones, as paths relative to the root, found
    /// without following symlinked folders (no loops) and skipping hidden ones.
    static func folders(in root: URL) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        func visit(_ relative: String, depth: Int) {
            out.append(relative)
            guard depth < 32, let names = try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(relative).path) else { return }
            for name in names.sorted() where !name.hasPrefix(".") || isPublishedHidden(name, in: relative) {
                let child = relative + "/" + name
                let attrs = try? fm.attributesOfItem(atPath: root.appendingPathComponent(child).path)
                if (attrs?[.type] as? FileAttributeType) == .typeDirectory { visit(child, depth: depth + 1) }
            }
        }
        for folder in folders {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: root.appendingPathComponent(folder).path, isDirectory: &isDir), isDir.boolValue {
                visit(folder, depth: 0)
            }
        }
        return out
    }
}

/// Decides when a burst of file events has settled: an editor's save is several
/// events (write, rename, attribute change), and one rebuild should follow them all.
///
/// When every file written in the burst has been closed (or renamed into place),
/// the save is over and only `settle` is waited, to take in events already on
/// their way; while a file is still open for writing, `quiet` is.
struct QuietPeriod: Sendable {
    /// How long nothing must happen before the burst counts as over.
    var quiet: Duration
    /// The same once every file written has been closed.
    var settle: Duration
    /// A steady stream of changes (a script writing many files) still rebuilds this often.
    var longest: Duration
    /// Whether every file written in this burst has been closed.
    var settled = false
    private var first: ContinuousClock.Instant?
    private var last: ContinuousClock.Instant?

    init(quiet: Duration = .milliseconds(30), settle: Duration = .milliseconds(5), longest: Duration = .seconds(1)) {
        self.quiet = quiet
        self.settle = min(settle, quiet)
        self.longest = longest
    }

    var isPending: Bool { first != nil }

    mutating func note(_ now: ContinuousClock.Instant) {
        if first == nil { first = now }
        last = now
    }

    /// Time left until `isDue`, or nil when nothing is pending.
    func wait(at now: ContinuousClock.Instant) -> Duration? {
        guard let first, let last else { return nil }
        let left = min(last + (settled ? settle : quiet), first + longest) - now
        return max(left, .zero)
    }

    func isDue(at now: ContinuousClock.Instant) -> Bool { wait(at: now) == .zero }

    mutating func reset() {
        first = nil
        last = nil
        settled = false
    }
}

/// A source of "these files changed" reports, each one burst of changes.
protocol ChangeWatcher: AnyObject, Sendable {
    /// How it watches, for the terminal: "inotify" or "polling every 300 ms".
    var method: String { get }
    /// Starts watching; `onChange` gets paths relative to the site's root, sorted.
    func start(_ onChange: @escaping @Sendable ([String]) -> Void)
    /// Stops watching and waits until `onChange` will not be called again.
    func stop()
}

/// A watcher's start and stop: each takes effect once, and a stop before any start
/// means the watcher never starts.
final class WatchLifecycle: @unchecked Sendable {
    private let lock = NSLock()
    private var started = false
    private var stopped = false

    /// True the first time, unless the watcher was stopped already: then start it.
    func start() -> Bool {
        lock.withLock {
            guard !started, !stopped else { return false }
            started = true
            return true
        }
    }

    /// Marks the watcher stopped; says whether it had started, and whether it was stopped before.
    func stop() -> (wasStarted: Bool, alreadyStopped: Bool) {
        lock.withLock {
            defer { stopped = true }
            return (started, stopped)
        }
    }
}
