import Foundation

/// What the last successful build read and wrote, kept beside the site as
/// `OUTPUT/.briefing-state` so the next build can tell what changed.
///
/// A dotfile inside the output folder, because nothing but the staging folder
/// may be written outside it, and the state must move with the site it
/// describes: swapped in with it, deleted with it. It names source paths,
/// hashes and the build's diagnostics; static hosts may serve it, and nothing
/// in it is secret.
struct BuildState: Equatable, Sendable {
    static let fileName = ".briefing-state"
    static let header = "briefing-state 2"

    struct Output: Equatable, Sendable {
        var hash: ContentHash
        var size: Int
        /// When the file was written (seconds and nanoseconds), to notice a hand edit.
        var mtime: FileStamp
    }

    /// Everything that decides the output besides the files: the tool, the options.
    var key: String
    /// Source-relative path → hash of its bytes.
    var inputs: [String: ContentHash] = [:]
    var outputs: [String: Output] = [:]
    /// In the order the build made them, so `files` lists them the same way.
    var outputOrder: [String] = []
    /// Page path → what its bytes followed from (see `PageFingerprint`).
    var fingerprints: [String: ContentHash] = [:]
    var diagnostics: [Diagnostic] = []
    /// Output folders a build with nothing to do need not list (`FolderStamps`).
    var folders: [String: Folder] = [:]
    /// Each source's identity when it was hashed (`BuildInputs`), and when by the wall clock.
    var inputStamps: [String: SourceStamp] = [:]
    var started: FileStamp?

    /// A folder as `stat` saw it: which one, and when its entries last changed.
    struct Folder: Equatable, Sendable {
        var inode: UInt64
        var changed: FileStamp
    }

    // MARK: text form: one record per line, fields separated by tabs, `%`-escaped.

    func encoded() -> [UInt8] {
        var s = Self.header + "\n" + "key\t" + Self.escape(key) + "\n"
        if let started { s += "started\t\(started.seconds)\t\(started.nanoseconds)\n" }
        for (path, hash) in inputs.sorted(by: { $0.key < $1.key }) {
            if let t = inputStamps[path] {
                s += "in\t\(hash)\t\(t.size)\t\(t.modified.seconds)\t\(t.modified.nanoseconds)\t\(t.changed.seconds)\t\(t.changed.nanoseconds)\t\(t.inode)\t\(Self.escape(path))\n"
            } else {
                s += "in\t\(hash)\t\(Self.escape(path))\n"
            }
        }
        for path in outputOrder {
            guard let o = outputs[path] else { continue }
            s += "out\t\(o.hash)\t\(o.size)\t\(o.mtime.seconds)\t\(o.mtime.nanoseconds)\t\(Self.escape(path))\n"
            if let f = fingerprints[path] { s += "page\t\(f)\t\(Self.escape(path))\n" }
        }
        for d in diagnostics {
            s += "diag\t\(d.severity.rawValue)\t\(d.location.line)\t\(d.location.column)\t\(Self.escape(d.location.path))\t\(Self.escape(d.message))\n"
        }
        return Array(s.utf8) + encodedFolders()
    }

    /// The `dir` records alone: a staging build appends them to the state it wrote, whose
    /// modification time they are checked against.
    func encodedFolders() -> [UInt8] {
        var s = ""
        for (path, f) in folders.sorted(by: { $0.key < $1.key }) {
            s += "dir\t\(f.inode)\t\(f.changed.seconds)\t\(f.changed.nanoseconds)\t\(Self.escape(path))\n"
        }
        return Array(s.utf8)
    }

    init(key: String) { self.key = key }

    /// Parsed on bytes: a no-change build reads a record for every input and output
    /// (5,600 lines at 10,000 questions) before it can stop, and `split` on `String`s
    /// was a quarter of that build.
    init?(decoding bytes: [UInt8]) {
        key = ""
        var ok = true
        var first = true
        // A record per source, output file and folder: sized once rather than grown.
        let records = bytes.count / 64
        inputs.reserveCapacity(records / 4)
        inputStamps.reserveCapacity(records / 4)
        outputs.reserveCapacity(records / 4)
        fingerprints.reserveCapacity(records / 4)
        folders.reserveCapacity(records / 4)
        var fields: [UnsafeBufferPointer<UInt8>] = []
        fields.reserveCapacity(9)
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            while ok && start < all.count {
                let end = all[start...].firstIndex(of: 10) ?? all.count
                defer { start = end + 1 }
                guard end > start else { continue }
                let line = UnsafeBufferPointer(rebasing: all[start..<end])
                if first {
                    ok = line.elementsEqual(Self.header.utf8)
                    first = false
                } else {
                    ok = record(line, fields: &fields)
                }
            }
        }
        guard ok, !first else { return nil }
    }

    /// One line after the header; false when it is not a record this version writes.
    /// `fields`: the caller's scratch, so a line costs no allocation.
    private mutating func record(_ line: UnsafeBufferPointer<UInt8>, fields: inout [UnsafeBufferPointer<UInt8>]) -> Bool {
        fields.removeAll(keepingCapacity: true)
        var from = 0
        for i in 0...line.count where i == line.count || line[i] == 9 {
            fields.append(UnsafeBufferPointer(rebasing: line[from..<i]))
            from = i + 1
        }
        func text(_ f: UnsafeBufferPointer<UInt8>) -> String {
            let s = String(decoding: f, as: UTF8.self)
            return f.contains(37) ? Self.unescape(Substring(s)) : s
        }
        switch (String(decoding: fields[0], as: UTF8.self), fields.count) {
        case ("key", 2):
            key = text(fields[1])
        case ("started", 3):
            guard let sec = Self.number(fields[1]), let ns = Self.number(fields[2]) else { return false }
            started = FileStamp(seconds: sec, nanoseconds: ns)
        case ("in", 3):
            guard let h = ContentHash(hex: fields[1]) else { return false }
            inputs[text(fields[2])] = h
        case ("in", 9):
            guard let h = ContentHash(hex: fields[1]), let size = Self.number(fields[2]),
                  let ms = Self.number(fields[3]), let mns = Self.number(fields[4]),
                  let cs = Self.number(fields[5]), let cns = Self.number(fields[6]), let inode = Self.number(fields[7]) else { return false }
            let path = text(fields[8])
            inputs[path] = h
            inputStamps[path] = SourceStamp(size: size, modified: FileStamp(seconds: ms, nanoseconds: mns),
                                            changed: FileStamp(seconds: cs, nanoseconds: cns), inode: UInt64(inode))
        case ("out", 6):
            guard let h = ContentHash(hex: fields[1]), let size = Self.number(fields[2]),
                  let sec = Self.number(fields[3]), let ns = Self.number(fields[4]) else { return false }
            let path = text(fields[5])
            outputs[path] = Output(hash: h, size: size, mtime: FileStamp(seconds: sec, nanoseconds: ns))
            outputOrder.append(path)
        case ("dir", 5):
            guard let inode = Self.number(fields[1]), let sec = Self.number(fields[2]), let ns = Self.number(fields[3]) else { return false }
            folders[text(fields[4])] = Folder(inode: UInt64(inode), changed: FileStamp(seconds: sec, nanoseconds: ns))
        case ("page", 3):
            guard let h = ContentHash(hex: fields[1]) else { return false }
            fingerprints[text(fields[2])] = h
        case ("diag", 6):
            guard let severity = Diagnostic.Severity(rawValue: String(decoding: fields[1], as: UTF8.self)),
                  let line = Self.number(fields[2]), let column = Self.number(fields[3]) else { return false }
            diagnostics.append(Diagnostic(severity, SourceLocation(path: text(fields[4]), line: line, column: column), text(fields[5])))
        default:
            return false
        }
        return true
    }

    /// A decimal integer, optionally negative, as `String(Int)` writes it.
    private static func number(_ f: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0, negative = false
        if f.first == 45 { negative = true; i = 1 }
        guard i < f.count, f.count - i <= 18 else { return nil }
        var n = 0
        while i < f.count {
            let d = f[i] &- 48
            guard d < 10 else { return nil }
            n = n * 10 + Int(d)
            i += 1
        }
        return negative ? -n : n
    }

    static func read(in output: URL) -> BuildState? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(fileName).path) else { return nil }
        return BuildState(decoding: [UInt8](data))
    }

    private static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 37 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return s }
        return s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    private static func unescape(_ s: Substring) -> String {
        guard s.contains("%") else { return String(s) }
        return s.replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%")
    }
}

/// A file's modification time as `stat` gives it.
struct FileStamp: Comparable, Sendable {
    var seconds: Int
    var nanoseconds: Int

    static func < (a: FileStamp, b: FileStamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    /// The wall clock now, which file times are set from.
    static func now() -> FileStamp {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return FileStamp(seconds: Int(t.tv_sec), nanoseconds: Int(t.tv_nsec))
    }
}
