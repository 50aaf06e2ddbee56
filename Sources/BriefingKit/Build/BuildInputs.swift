import Foundation

/// Everything a build reads, hashed, so the next build can tell whether anything
/// changed: every source file by content, what the scan of the folders said, the
/// lunr.js the search page copies, the options and the tool itself (a new binary
/// may render differently, so it rebuilds).
struct BuildInputs: Equatable {
    var key: String
    var hashes: [String: ContentHash]

    init(tree: SourceTree, options: SiteBuilder.Options) {
        var items: [(String, URL)] = []
        if let config = tree.config { items.append(("briefing.yml", config)) }
        for f in tree.files { items.append(("content/\(f.kind.rawValue)/\(f.slug).md", f.url)) }
        for t in tree.templates { items.append(("templates/\(t.slug).mustache", t.url)) }
        for (rel, url) in tree.staticFiles { items.append(("static/" + rel, url)) }
        let read = items.parallelMap { item -> (String, ContentHash) in
            // An unreadable file hashes as its absence; the build itself reports it.
            (item.0, FileIO.read(item.1.path).map(ContentHash.init) ?? ContentHash(a: 0, b: 0))
        }
        var hashes = Dictionary(read, uniquingKeysWith: { a, _ in a })
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
    /// The output folder holds exactly the files this state lists, each as it was written.
    func describes(_ output: URL) -> Bool {
        let root = output.path
        let found = FileIO.walk(root).files
        guard found.count == outputs.count + 1, Set(found) == Set(outputs.keys).union([Self.fileName]) else { return false }
        return outputs.allSatisfy { path, o in
            guard let st = FileIO.status(root + "/" + path) else { return false }
            return st.isRegular && st.size == o.size && st.stamp == o.mtime
        }
    }
}
