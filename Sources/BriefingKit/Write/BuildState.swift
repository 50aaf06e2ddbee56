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
    static let header = "briefing-state 3"

    /// A file as the build left it. No hash of its bytes: a later build that renders it
    /// again compares the new bytes with the file itself when the sizes agree
    /// (`WriteSession`), so no build hashes the 140 MB it writes.
    struct Output: Equatable, Sendable {
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
        var r = RecordWriter()
        r.bytes.reserveCapacity(96 * (inputs.count + outputs.count + fingerprints.count) + 4096)
        r.bytes.append(contentsOf: Self.header.utf8)
        r.end()
        r.start("key"); r.field(key); r.end()
        if let started { r.start("started"); r.field(started.seconds); r.field(started.nanoseconds); r.end() }
        for (path, hash) in inputs.sorted(by: { $0.key < $1.key }) {
            r.start("in"); r.field(hash)
            if let t = inputStamps[path] {
                r.field(t.size); r.field(t.modified.seconds); r.field(t.modified.nanoseconds)
                r.field(t.changed.seconds); r.field(t.changed.nanoseconds); r.field(Int(t.inode))
            }
            r.field(path); r.end()
        }
        for path in outputOrder {
            guard let o = outputs[path] else { continue }
            r.start("out"); r.field(o.size); r.field(o.mtime.seconds); r.field(o.mtime.nanoseconds); r.field(path); r.end()
            if let f = fingerprints[path] { r.start("page"); r.field(f); r.field(path); r.end() }
        }
        for d in diagnostics {
            r.start("diag"); r.field(d.severity.rawValue); r.field(d.location.line); r.field(d.location.column)
            r.field(d.location.path); r.field(d.message); r.end()
        }
        return r.bytes + Self.encoded(folders: folders)
    }

    /// The `dir` records alone: a staging build appends them to the state it wrote, whose
    /// modification time they are checked against.
    static func encoded(folders: [String: Folder]) -> [UInt8] {
        var r = RecordWriter()
        for (path, f) in folders.sorted(by: { $0.key < $1.key }) {
            r.start("dir"); r.field(Int(f.inode)); r.field(f.changed.seconds); r.field(f.changed.nanoseconds); r.field(path); r.end()
        }
        return r.bytes
    }

    /// Records written straight as bytes: the state of 10,000 questions is 5,500 lines, and
    /// interpolating them into a `String` took 4 ms at the end of every build, when nothing
    /// else runs. Text fields are `%`-escaped, as `unescape` reads them back.
    private struct RecordWriter {
        var bytes: [UInt8] = []

        mutating func start(_ kind: StaticString) { kind.withUTF8Buffer { bytes.append(contentsOf: $0) } }
        mutating func end() { bytes.append(10) }

        mutating func field(_ text: String) {
            bytes.append(9)
            for c in text.utf8 {
                switch c {
                case 37: bytes.append(contentsOf: [37, 50, 53])  // %25
                case 9: bytes.append(contentsOf: [37, 48, 57])   // %09
                case 10: bytes.append(contentsOf: [37, 48, 65])  // %0A
                case 13: bytes.append(contentsOf: [37, 48, 68])  // %0D
                default: bytes.append(c)
                }
            }
        }

        /// In decimal, as `String(n)` writes it: the digits appended last first, then turned round.
        mutating func field(_ n: Int) {
            bytes.append(9)
            if n < 0 { bytes.append(45) }
            let first = bytes.count
            var v = n.magnitude
            repeat { bytes.append(UInt8(48 + v % 10)); v /= 10 } while v > 0
            bytes[first...].reverse()
        }

        mutating func field(_ hash: ContentHash) {
            bytes.append(9)
            hash.appendHex(to: &bytes)
        }
    }

    init(key: String) { self.key = key }

    /// Parsed on bytes: a no-change build reads a record for every input and output
    /// (5,600 lines at 10,000 questions) before it can check the output against it, and
    /// `split` on `String`s was a quarter of that build. Lines and fields are found with
    /// `memchr`, and a record's kind by its bytes.
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
            guard let base = all.baseAddress else { return }
            var start = 0
            while ok && start < all.count {
                let end = memchr(base + start, 10, all.count - start).map { UnsafeRawPointer(base).distance(to: $0) } ?? all.count
                defer { start = end + 1 }
                guard end > start else { continue }
                let line = UnsafeBufferPointer(start: base + start, count: end - start)
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

    /// The kinds of record this version writes, told apart by their first bytes.
    private enum Record {
        case key, started, input, output, folder, page, diagnostic

        init?(_ f: UnsafeBufferPointer<UInt8>) {
            switch (f.count, f.first) {
            case (2, 105) where f[1] == 110: self = .input                                  // in
            case (3, 111) where f[1] == 117 && f[2] == 116: self = .output                  // out
            case (4, 112) where f.elementsEqual("page".utf8): self = .page
            case (3, 100) where f[1] == 105 && f[2] == 114: self = .folder                  // dir
            case (3, 107) where f[1] == 101 && f[2] == 121: self = .key                     // key
            case (7, 115) where f.elementsEqual("started".utf8): self = .started
            case (4, 100) where f.elementsEqual("diag".utf8): self = .diagnostic
            default: return nil
            }
        }
    }

    /// One line after the header; false when it is not a record this version writes.
    /// `fields`: the caller's scratch, so a line costs no allocation.
    private mutating func record(_ line: UnsafeBufferPointer<UInt8>, fields: inout [UnsafeBufferPointer<UInt8>]) -> Bool {
        fields.removeAll(keepingCapacity: true)
        let base = line.baseAddress!
        var from = 0
        while let tab = memchr(base + from, 9, line.count - from) {
            let at = UnsafeRawPointer(base).distance(to: tab)
            fields.append(UnsafeBufferPointer(start: base + from, count: at - from))
            from = at + 1
        }
        fields.append(UnsafeBufferPointer(start: base + from, count: line.count - from))
        func text(_ f: UnsafeBufferPointer<UInt8>) -> String {
            let s = String(decoding: f, as: UTF8.self)
            return f.contains(37) ? Self.unescape(Substring(s)) : s
        }
        switch (Record(fields[0]), fields.count) {
        case (.key, 2):
            key = text(fields[1])
        case (.started, 3):
            guard let sec = Self.number(fields[1]), let ns = Self.number(fields[2]) else { return false }
            started = FileStamp(seconds: sec, nanoseconds: ns)
        case (.input, 3):
            guard let h = ContentHash(hex: fields[1]) else { return false }
            inputs[text(fields[2])] = h
        case (.input, 9):
            guard let h = ContentHash(hex: fields[1]), let size = Self.number(fields[2]),
                  let ms = Self.number(fields[3]), let mns = Self.number(fields[4]),
                  let cs = Self.number(fields[5]), let cns = Self.number(fields[6]), let inode = Self.number(fields[7]) else { return false }
            let path = text(fields[8])
            inputs[path] = h
            inputStamps[path] = SourceStamp(size: size, modified: FileStamp(seconds: ms, nanoseconds: mns),
                                            changed: FileStamp(seconds: cs, nanoseconds: cns), inode: UInt64(inode))
        case (.output, 5):
            guard let size = Self.number(fields[1]), let sec = Self.number(fields[2]), let ns = Self.number(fields[3]) else { return false }
            let path = text(fields[4])
            outputs[path] = Output(size: size, mtime: FileStamp(seconds: sec, nanoseconds: ns))
            outputOrder.append(path)
        case (.folder, 5):
            guard let inode = Self.number(fields[1]), let sec = Self.number(fields[2]), let ns = Self.number(fields[3]) else { return false }
            folders[text(fields[4])] = Folder(inode: UInt64(inode), changed: FileStamp(seconds: sec, nanoseconds: ns))
        case (.page, 3):
            guard let h = ContentHash(hex: fields[1]) else { return false }
            fingerprints[text(fields[2])] = h
        case (.diagnostic, 6):
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
            n = n &* 10 &+ Int(d)  // 18 digits at most: cannot overflow
            i += 1
        }
        return negative ? -n : n
    }

    static func read(in output: URL) -> BuildState? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(fileName).path) else { return nil }
        return BuildState(decoding: [UInt8](data))
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
        return FileStamp(t)
    }
}

/// What tells a source file apart from its next version without reading it: its size,
/// modification and change times, and inode. The change time moves with every write,
/// rename and attribute change and cannot be set back, so restoring the modification
/// time after an edit (`touch -r`, `rsync -t`) does not hide it.
struct SourceStamp: Equatable, Sendable {
    var size: Int
    var modified: FileStamp
    var changed: FileStamp
    var inode: UInt64

    init(_ st: stat) {
        size = Int(st.st_size)
        modified = st.modified
        changed = st.changed
        inode = UInt64(st.st_ino)
    }

    init(size: Int, modified: FileStamp, changed: FileStamp, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    /// The file at `path`, links followed as the build reads it.
    static func of(_ path: String) -> SourceStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return SourceStamp(st)
    }
}
