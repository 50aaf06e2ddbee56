#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The few file operations the write stage repeats thousands of times, as plain
/// system calls: Foundation's `createFile` writes a temporary file and renames
/// it, and its attribute reads build a dictionary per file.
enum FileIO {
    struct Status {
        var size: Int
        var stamp: FileStamp
        var isRegular: Bool
        var isDirectory: Bool
    }

    static func status(_ path: String) -> Status? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return Status(st)
    }

    /// Creates or truncates `path` and writes `bytes`; returns the file's new modification time.
    static func write(_ path: String, _ bytes: [UInt8]) throws -> FileStamp {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputWriter.Failure.io("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try writeAll(fd, bytes, path)
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw OutputWriter.Failure.io("cannot stat \(path)") }
        return Status(st).stamp
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        try bytes.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count {
                let n = sysWrite(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw OutputWriter.Failure.io("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                done += n
            }
        }
    }

    /// Adds `bytes` at the end of the file at `path`, which must exist.
    static func append(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw OutputWriter.Failure.io("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try writeAll(fd, bytes, path)
    }

    static func read(_ path: String) -> [UInt8]? {
        readStamped(path)?.bytes
    }

    /// The file's bytes, and its stamp as it was before they were read: a write meanwhile
    /// changes the stamp, so the next build reads the file again.
    static func readStamped(_ path: String) -> (bytes: [UInt8], stamp: SourceStamp)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        // Not zeroed first: a full build reads every source (12 MB at 10,000 questions),
        // and zeros that read() overwrites at once are a pass over memory for nothing.
        var ok = true
        let out = [UInt8](unsafeUninitializedCapacity: Int(st.st_size)) { buf, count in
            var done = 0
            while done < buf.count {
                let n = sysRead(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                if n == 0 { break }
                done += n
            }
            count = ok ? done : 0
        }
        return ok ? (out, SourceStamp(st)) : nil
    }

    /// Whether the regular file at `path` holds exactly `bytes`: read a chunk at a time and
    /// given up at the first difference. A page changed within its size (a typo fixed)
    /// differs early, and a 10 MB search index read whole took a 10 MB buffer to fault in.
    static func holds(_ path: String, _ bytes: [UInt8]) -> Bool {
        // lstat first: a link is not the file the build wrote, and opening a FIFO would wait.
        guard let st = status(path), st.isRegular, st.size == bytes.count else { return false }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0, Status(opened).isRegular, Int(opened.st_size) == bytes.count else { return false }
        let chunk = Swift.max(1, Swift.min(bytes.count, 1 << 16))
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        return bytes.withUnsafeBytes { expected in
            var done = 0
            while done < expected.count {
                let n = sysRead(fd, buffer, Swift.min(chunk, expected.count - done))
                if n < 0 { if errno == EINTR { continue }; return false }
                if n == 0 || memcmp(buffer, expected.baseAddress! + done, n) != 0 { return false }
                done += n
            }
            return true
        }
    }

    /// Each folder once, parents before children; returns the ones it made, in that order.
    /// If one cannot be made, those made before it are removed again.
    @discardableResult
    static func makeFolders(_ folders: Set<String>) throws -> [String] {
        var made: [String] = []
        for dir in folders.sorted(by: { $0.utf8.count < $1.utf8.count }) {
            if mkdir(dir, 0o755) == 0 {
                made.append(dir)
            } else if errno != EEXIST {
                let reason = String(cString: strerror(errno))
                for done in made.reversed() { rmdir(done) }
                throw OutputWriter.Failure.io("cannot create \(dir): \(reason)")
            }
        }
        return made
    }

    /// A folder's entries but `.` and `..`, with their `d_type` (`DT_UNKNOWN` on file
    /// systems that do not say), in the order the folder lists them; nil if it cannot be opened.
    /// `isUTF8` is false for a name that is not UTF-8, which `name` then shows repaired (with
    /// U+FFFD) and which no path made from it reaches.
    static func entries(_ dir: String) -> [(name: String, type: Int32, isUTF8: Bool)]? {
        guard let handle = opendir(dir) else { return nil }
        defer { closedir(handle) }
        var out: [(name: String, type: Int32, isUTF8: Bool)] = []
        while let entry = readdir(handle) {
            let (name, isUTF8) = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.prefix(while: { $0 != 0 })
                return String(validating: bytes, as: UTF8.self).map { ($0, true) } ?? (String(decoding: bytes, as: UTF8.self), false)
            }
            if name != "." && name != ".." { out.append((name, Int32(entry.pointee.d_type), isUTF8)) }
        }
        return out
    }

    /// Regular files below `root`, as paths relative to it; folders named too, deepest last.
    static func walk(_ root: String) -> (files: [String], folders: [String]) {
        var files: [String] = []
        var folders: [String] = []
        func visit(_ rel: String) {
            for (name, found, _) in entries(rel.isEmpty ? root : root + "/" + rel) ?? [] {
                let path = rel.isEmpty ? name : rel + "/" + name
                var type = found
                if type == Int32(DT_UNKNOWN) {
                    type = status(root + "/" + path).map { $0.isDirectory ? Int32(DT_DIR) : $0.isRegular ? Int32(DT_REG) : 0 } ?? 0
                }
                if type == Int32(DT_DIR) {
                    folders.append(path)
                    visit(path)
                } else {
                    files.append(path)
                }
            }
        }
        visit("")
        return (files, folders)
    }
}

extension stat {
    /// Modification and change times, named as each platform names them.
    #if canImport(Darwin)
    var modified: FileStamp { FileStamp(st_mtimespec) }
    var changed: FileStamp { FileStamp(st_ctimespec) }
    #else
    var modified: FileStamp { FileStamp(st_mtim) }
    var changed: FileStamp { FileStamp(st_ctim) }
    #endif
}

extension FileStamp {
    init(_ t: timespec) { self.init(seconds: Int(t.tv_sec), nanoseconds: Int(t.tv_nsec)) }
}

extension FileIO.Status {
    init(_ st: stat) {
        size = Int(st.st_size)
        stamp = st.modified
        isRegular = (st.st_mode & S_IFMT) == S_IFREG
        isDirectory = (st.st_mode & S_IFMT) == S_IFDIR
    }
}

#if canImport(Glibc)
private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Glibc.write(fd, p, n) }
private func sysRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { Glibc.read(fd, p, n) }
#else
private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { Darwin.write(fd, p, n) }
private func sysRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int { Darwin.read(fd, p, n) }
#endif
