import Foundation

/// Watches by scanning: for macOS, and for folders inotify cannot see into
/// (network shares, some container mounts) or when it is out of watches.
final class PollingWatcher: ChangeWatcher, @unchecked Sendable {
    private let root: URL
    private let interval: Duration
    private let quiet: Duration
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lifecycle = WatchLifecycle()
    let method: String

    init(root: URL, interval: Duration = .milliseconds(300), quiet: Duration = .milliseconds(30), reason: String? = nil) {
        self.root = root.standardizedFileURL
        self.interval = interval
        self.quiet = quiet
        let ms = interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000
        method = "polling every \(ms) ms" + (reason.map { " (\($0))" } ?? "")
    }

    func start(_ onChange: @escaping @Sendable ([String]) -> Void) {
        guard lifecycle.start() else { return }
        // Taken here, not on the thread, so a change made right after `start` returns is seen.
        let first = SourceSnapshot.scan(root)
        let thread = Thread { [self] in loop(from: first, onChange) }
        thread.name = "briefing.serve.poll"
        thread.start()
    }

    func stop() {
        let (wasStarted, already) = lifecycle.stop()
        guard wasStarted, !already else { return }
        wake.signal()
        finished.wait()
    }

    private func loop(from first: SourceSnapshot, _ onChange: @Sendable ([String]) -> Void) {
        defer { finished.signal() }
        var seen = first
        while !sleep(interval) {
            var now = SourceSnapshot.scan(root)
            guard now != seen else { continue }
            var changed = Set(now.changes(since: seen))
            // Let a save finish: rescan until two scans a quiet period apart agree (bounded).
            for _ in 0..<10 {
                if sleep(quiet) { return }
                let again = SourceSnapshot.scan(root)
                if again == now { break }
                changed.formUnion(again.changes(since: now))
                now = again
            }
            seen = now
            onChange(changed.sorted())
        }
    }

    /// Sleeps for `d`; true when woken by `stop`.
    private func sleep(_ d: Duration) -> Bool {
        let ns = d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
        return wake.wait(timeout: .now() + .nanoseconds(Int(ns))) == .success
    }
}

/// Size, modification time and inode of every watched file: what a save changes.
struct SourceSnapshot: Equatable, Sendable {
    struct Stamp: Equatable, Sendable {
        var size: UInt64
        var modified: Double
        var inode: UInt64
    }

    var entries: [String: Stamp] = [:]

    static func scan(_ root: URL) -> SourceSnapshot {
        var snapshot = SourceSnapshot()
        let fm = FileManager.default
        func record(_ relative: String) {
            guard let attrs = try? fm.attributesOfItem(atPath: root.appendingPathComponent(relative).path),
                  (attrs[.type] as? FileAttributeType) != .typeDirectory else { return }
            snapshot.entries[relative] = Stamp(
                size: (attrs[.size] as? NSNumber)?.uint64Value ?? 0,
                modified: (attrs[.modificationDate] as? Date)?.timeIntervalSinceReferenceDate ?? 0,
                inode: (attrs[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
            )
        }
        for file in WatchScope.files { record(file) }
        for folder in WatchScope.folders(in: root) {
            let names = (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
            for name in names where !WatchScope.isScratch(name) || WatchScope.isPublishedHidden(name, in: folder) { record(folder + "/" + name) }
        }
        return snapshot
    }

    /// Paths added, removed or changed since `old`, sorted.
    func changes(since old: SourceSnapshot) -> [String] {
        var out: [String] = []
        for (path, stamp) in entries where old.entries[path] != stamp { out.append(path) }
        for path in old.entries.keys where entries[path] == nil { out.append(path) }
        return out.sorted()
    }
}

/// Chooses how to watch: inotify where the system has it, else polling.
enum WatcherChoice {
    static func make(root: URL, polling: Bool, quiet: Duration = .milliseconds(30)) -> any ChangeWatcher {
        #if os(Linux)
        if polling { return PollingWatcher(root: root, quiet: quiet, reason: "--poll") }
        do {
            return try InotifyWatcher(root: root, quiet: quiet)
        } catch {
            return PollingWatcher(root: root, quiet: quiet, reason: "inotify unavailable: \(error)")
        }
        #else
        return PollingWatcher(root: root, quiet: quiet)
        #endif
    }
}
