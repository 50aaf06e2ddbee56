#if os(Linux)
import Foundation
import Glibc

/// Watches the site's folders with Linux inotify: one watch per folder (inotify is
/// not recursive), re-established when folders come and go.
///
/// Every mutable field is used by the watching thread only once `start` has run;
/// `stop` talks to that thread through a pipe, so no lock guards them.
final class InotifyWatcher: ChangeWatcher, @unchecked Sendable {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    let method = "inotify"
    private let root: URL
    private let fd: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    /// Watch descriptor → folder relative to the root ("" is the root itself).
    private var folders: [Int32: String] = [:]
    private var period: QuietPeriod
    private let finished = DispatchSemaphore(value: 0)
    private let lifecycle = WatchLifecycle()

    private static let folderEvents = UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO)
        | UInt32(IN_CLOSE_WRITE) | UInt32(IN_MODIFY) | UInt32(IN_ATTRIB) | UInt32(IN_ONLYDIR)
    /// A file's writing is over: closed, renamed into place, or gone.
    private static let finished = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE)
    private static let structural = UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO)

    init(root: URL, quiet: Duration) throws {
        self.root = root.standardizedFileURL
        period = QuietPeriod(quiet: quiet)
        fd = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw Unavailable(description: "inotify_init1: \(String(cString: strerror(errno)))") }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            close(fd)
            throw Unavailable(description: "pipe: \(String(cString: strerror(errno)))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        wakeRead = ends[0]
        wakeWrite = ends[1]
        if let problem = watchAll() {
            close(fd); close(wakeRead); close(wakeWrite)
            throw Unavailable(description: problem)
        }
    }

    func start(_ onChange: @escaping @Sendable ([String]) -> Void) {
        guard lifecycle.start() else { return }
        let thread = Thread { [self] in loop(onChange) }
        thread.name = "briefing.serve.inotify"
        thread.start()
    }

    func stop() {
        let (wasStarted, already) = lifecycle.stop()
        guard !already else { return }
        if wasStarted {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
            finished.wait()
        }
        close(fd); close(wakeRead); close(wakeWrite)
    }

    /// Adds a watch on the root and on every folder below the watched ones. Adding a
    /// folder that is already watched keeps its descriptor, so this also serves to
    /// pick up folders created since. Returns what failed, if anything.
    private func watchAll() -> String? {
        for relative in [""] + WatchScope.folders(in: root) {
            let path = relative.isEmpty ? root.path : root.appendingPathComponent(relative).path
            let wd = inotify_add_watch(fd, path, Self.folderEvents)
            if wd < 0 {
                let code = errno
                // A folder removed while walking is not a failure of inotify.
                if code == ENOENT || code == ENOTDIR { continue }
                return "inotify_add_watch \(path): \(String(cString: strerror(code)))"
                    + (code == ENOSPC ? " (raise fs.inotify.max_user_watches)" : "")
            }
            folders[wd] = relative
        }
        return nil
    }

    private func loop(_ onChange: @Sendable ([String]) -> Void) {
        var pending = Set<String>()
        // Made during the current burst: one that goes away again in the same burst
        // was an editor's or sed's temporary file, not a change to report.
        var appeared = Set<String>()
        // Files written in this burst and not closed yet: while there are any, the
        // save is not over and the full quiet period applies.
        var writing = Set<String>()
        var rewatch = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let timeout: Int32 = period.wait(at: .now).map { Self.milliseconds($0) } ?? -1
            let ready = poll(&fds, 2, timeout)
            if ready < 0 && errno != EINTR { break }
            if fds[1].revents != 0 { break }
            if fds[0].revents & Int16(POLLIN) != 0 {
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    guard count > 0 else { break }
                    var noted = false
                    for event in Self.events(in: buffer, count: count) {
                        guard let path = handle(event, rewatch: &rewatch) else { continue }
                        noted = true
                        if event.mask & UInt32(IN_ISDIR) == 0 {
                            if event.mask & (UInt32(IN_CREATE) | UInt32(IN_MODIFY)) != 0 { writing.insert(path) }
                            if event.mask & Self.finished != 0 { writing.remove(path) }
                        }
                        if event.mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 { appeared.insert(path) }
                        if event.mask & (UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)) != 0, appeared.remove(path) != nil {
                            pending.remove(path)
                        } else {
                            pending.insert(path)
                        }
                    }
                    if noted {
                        period.note(.now)
                        period.settled = writing.isEmpty
                    }
                }
            }
            if period.isPending && period.isDue(at: .now) {
                if rewatch {
                    _ = watchAll()
                    rewatch = false
                }
                if !pending.isEmpty { onChange(pending.sorted()) }
                pending.removeAll()
                appeared.removeAll()
                writing.removeAll()
                period.reset()
            }
        }
        finished.signal()
    }

    struct Event {
        var wd: Int32
        var mask: UInt32
        var name: String
    }

    /// Decodes `struct inotify_event` records: wd, mask, cookie, len, then `len` bytes of NUL-padded name.
    static func events(in buffer: [UInt8], count: Int) -> [Event] {
        var out: [Event] = []
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset + 16 <= count {
                let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let start = offset + 16
                let end = min(start + length, count)
                let bytes = raw[start..<end].prefix { $0 != 0 }
                out.append(Event(wd: wd, mask: mask, name: String(decoding: bytes, as: UTF8.self)))
                offset = start + length
            }
        }
        return out
    }

    /// The changed path an event stands for, or nil when it does not matter to a build.
    private func handle(_ event: Event, rewatch: inout Bool) -> String? {
        if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // Events were lost: rebuild, and make sure every folder is watched.
            rewatch = true
            return "content"
        }
        guard let folder = folders[event.wd] else { return nil }
        if event.mask & UInt32(IN_IGNORED) != 0 {
            folders[event.wd] = nil
            return nil
        }
        guard !event.name.isEmpty else { return nil }
        if folder.isEmpty {
            guard WatchScope.isWatchedAtRoot(event.name) else { return nil }
        } else if WatchScope.isScratch(event.name), !WatchScope.isPublishedHidden(event.name, in: folder) {
            return nil
        }
        let path = folder.isEmpty ? event.name : folder + "/" + event.name
        if event.mask & UInt32(IN_ISDIR) != 0 {
            guard event.mask & Self.structural != 0 else { return nil }
            rewatch = true
            if event.mask & UInt32(IN_MOVED_FROM) != 0 { forget(below: path) }
        }
        return path
    }

    /// A folder moved away keeps its watches under their old names; drop them.
    private func forget(below path: String) {
        for (wd, folder) in folders where folder == path || folder.hasPrefix(path + "/") {
            inotify_rm_watch(fd, wd)
            folders[wd] = nil
        }
    }

    static func milliseconds(_ d: Duration) -> Int32 {
        let ms = d.components.seconds * 1000 + (d.components.attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }
}
#endif
