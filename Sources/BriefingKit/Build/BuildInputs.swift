import Foundation

/// Everything a build reads, hashed, so the next build can tell whether anything
/// changed: every source file by content, what the scan of the folders said, the
/// lunr.js the search page copies, the options and the tool itself (a new binary
/// may render differently, so it rebuilds).
struct BuildInputs {
    var key: String
    var hashes: [String: ContentHash]
    /// The content files' bytes as hashed, in `tree.files`' order (nil: not read), for the
    /// Load stage: so every file is read once per build (reading 10,000 files twice cost a
    /// full build 2 %), and the site is built from the very bytes its state records.
    var content: [SourceTree.Read?] = []

    init(tree: SourceTree, options: SiteBuilder.Options) {
        var items: [(String, URL, isContent: Bool)] = []
        if let config = tree.config { items.append(("briefing.yml", config, false)) }
        for f in tree.files { items.append(("content/\(f.kind.rawValue)/\(f.slug).md", f.url, true)) }
        for t in tree.templates { items.append(("templates/\(t.slug).mustache", t.url, false)) }
        for (rel, url) in tree.staticFiles { items.append(("static/" + rel, url, false)) }
        let read = items.parallelMap { item -> (path: String, hash: ContentHash, bytes: SourceTree.Read?) in
            // An unreadable file hashes as its absence; the build itself reports it.
            guard let bytes = FileIO.read(item.1.path) else { return (item.0, ContentHash(a: 0, b: 0), nil) }
            let hash = ContentHash(bytes)
            // A file over the limit is refused by the Load stage, which reads no more of it than its size.
            let kept = item.isContent && bytes.count <= ContentLoader.maxFileSize
            return (item.0, hash, kept ? SourceTree.Read(bytes: bytes, hash: hash) : nil)
        }
        let first = tree.config == nil ? 0 : 1
        content = read[first..<(first + tree.files.count)].map(\.bytes)
        var hashes = Dictionary(read.map { ($0.path, $0.hash) }, uniquingKeysWith: { a, _ in a })
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
