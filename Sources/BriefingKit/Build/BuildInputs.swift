import Foundation

/// Everything a build reads, hashed, so the next build can tell whether anything
/// changed: every source file by content, what the scan of the folders said, the
/// lunr.js the search page copies, the options and the tool itself (a new binary
/// may render differently, so it rebuilds).
///
/// A source whose identity (`SourceStamp`) is the one the last build recorded, from
/// long enough before that build began, is taken to hold the bytes it hashed then and
/// is not read again, as git takes its index: reading and hashing 12 MB was two thirds
/// of a build with nothing to do at 10,000 questions.
struct BuildInputs {
    var key: String
    var hashes: [String: ContentHash]
    /// Each source's identity as it was when hashed (or found unchanged).
    var stamps: [String: SourceStamp] = [:]
    /// When this build took them, by the wall clock (`BuildState.started`).
    var started: FileStamp
    /// The content files' bytes as hashed, in `tree.files`' order (nil: not read, which
    /// the Load stage then does), so every file is read once per build (reading 10,000
    /// files twice cost a full build 2 %).
    var content: [SourceTree.Read?] = []

    /// `previous`: the last build's state, whose stamps spare reading unchanged sources.
    init(tree: SourceTree, options: SiteBuilder.Options, previous: BuildState? = nil) {
        started = FileStamp.now()
        var items: [(String, path: String, isContent: Bool)] = []
        if let config = tree.config { items.append(("briefing.yml", config.path, false)) }
        for f in tree.files { items.append(("content/\(f.kind.rawValue)/\(f.slug).md", f.path, true)) }
        for t in tree.templates { items.append(("templates/\(t.slug).mustache", t.path, false)) }
        for (rel, url) in tree.staticFiles { items.append(("static/" + rel, url.path, false)) }
        let read = items.parallelMap { item -> (path: String, hash: ContentHash, bytes: SourceTree.Read?, stamp: SourceStamp?) in
            if let previous, let hash = previous.inputs[item.0], let stamp = previous.unchangedSource(item.0, at: item.path) {
                return (item.0, hash, nil, stamp)
            }
            // An unreadable file hashes as its absence; the build itself reports it.
            guard let (bytes, stamp) = FileIO.readStamped(item.path) else { return (item.0, ContentHash(a: 0, b: 0), nil, nil) }
            let hash = ContentHash(bytes)
            // A file over the limit is refused by the Load stage, which reads no more of it than its size.
            let kept = item.isContent && bytes.count <= ContentLoader.maxFileSize
            return (item.0, hash, kept ? SourceTree.Read(bytes: bytes, hash: hash) : nil, stamp)
        }
        let first = tree.config == nil ? 0 : 1
        content = read[first..<(first + tree.files.count)].map(\.bytes)
        var hashes = Dictionary(read.map { ($0.path, $0.hash) }, uniquingKeysWith: { a, _ in a })
        for r in read { if let stamp = r.stamp { stamps[r.path] = stamp } }
        hashes["(scan)"] = ContentHash(tree.diagnostics.all.map(\.description).joined(separator: "\n"))
        let lunr = LunrScript.read()
        hashes["(lunr.js)"] = ContentHash(lunr.files.flatMap(\.bytes) + Array(lunr.diagnostics.all.map(\.description).joined().utf8))
        self.hashes = hashes
        key = [Self.tool, options.displaySource, options.baseURL ?? "-", "\(options.shareRenderedQuestions)\(options.fastTemplates)"]
            .joined(separator: "|")
    }

    /// The running binary, by size and modification time (hashing 20 MB on every build would cost more than it saves).
    static let tool: String = {
        let path = FileManager.default.fileExists(atPath: "/proc/self/exe") ? "/proc/self/exe" : (Bundle.main.executablePath ?? "")
        var st = stat()
        guard stat(path, &st) == 0 else { return "unknown-tool-\(UUID().uuidString)" }
        let status = FileIO.Status(st)
        return "tool-\(status.size)-\(status.stamp.seconds).\(status.stamp.nanoseconds)"
    }()
}

extension BuildState {
    /// How long before a build began a source must have last changed for its stamp to be
    /// trusted: a write in the same tick of the file system's clock (a second or two on
    /// some) as the one recorded would keep every time. Files changed in the last two
    /// seconds before a build are read again by the next one.
    static let settled = 2

    /// The stamp of the source at `path` (recorded as `input`), if it is still the one
    /// this state recorded and was recorded settled.
    func unchangedSource(_ input: String, at path: String) -> SourceStamp? {
        guard let started, let recorded = inputStamps[input], let now = SourceStamp.of(path), now == recorded else { return nil }
        let line = FileStamp(seconds: started.seconds - Self.settled, nanoseconds: started.nanoseconds)
        return recorded.modified < line && recorded.changed < line ? now : nil
    }
}
