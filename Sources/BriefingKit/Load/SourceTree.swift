import Foundation

/// The files of a site's source folder, found but not yet read.
public struct SourceTree: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case recommendations, briefings, meetings, pages
    }

    public struct File: Sendable, Hashable {
        public var kind: Kind
        public var slug: String
        /// Absolute path, for reading. A path, not a `URL`: a build with nothing to do lists
        /// every content file, and making each a `URL` and reading its path back took a
        /// tenth of the listing.
        public var path: String
        /// The path diagnostics print: relative to where the user stands when possible.
        public var displayPath: String

        public var url: URL { URL(fileURLWithPath: path, isDirectory: false) }

        public init(kind: Kind, slug: String, path: String, displayPath: String) {
            self.kind = kind
            self.slug = slug
            self.path = path
            self.displayPath = displayPath
        }

        public init(kind: Kind, slug: String, url: URL, displayPath: String) {
            self.init(kind: kind, slug: slug, path: url.path, displayPath: displayPath)
        }
    }

    /// A file's bytes as a build read them, with their `ContentHash`.
    struct Read: Sendable {
        var bytes: [UInt8]
        var hash: ContentHash
    }

    public let root: URL
    public let displayRoot: String
    public var config: URL? = nil
    public var files: [File] = []
    public var templates: [File] = []
    public var staticFiles: [(relative: String, url: URL)] = []
    public var diagnostics = Diagnostics()

    public static let slugPattern = "[a-z0-9][a-z0-9-]*"

    static func isSlug(_ s: String) -> Bool {
        guard let first = s.utf8.first, s.utf8.count <= 200 else { return false }
        func ok(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 48 && c <= 57) }
        return ok(first) && s.utf8.allSatisfy { ok($0) || $0 == 45 }
    }

    /// Finds the site's files. Only the four content folders are read, one level
    /// deep, so a symlink loop or an output folder inside `content/` is never walked.
    public init(root: URL, displayRoot: String? = nil, excluding excluded: URL? = nil) {
        self.root = root.standardizedFileURL
        let shown = displayRoot ?? root.path
        self.displayRoot = shown.isEmpty || shown == "." || shown == "./" ? "" : (shown.hasSuffix("/") ? shown : shown + "/")
        let fm = FileManager.default

        let config = self.root.appendingPathComponent("briefing.yml")
        if fm.fileExists(atPath: config.path) {
            if Self.isRegularFile(config.path) { self.config = config } else {
                diagnostics.error(SourceLocation(path: self.displayRoot + "briefing.yml"), Self.notRegular)
            }
        }

        let content = self.root.appendingPathComponent("content")
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: content.path, isDirectory: &isDir), isDir.boolValue else {
            diagnostics.error(SourceLocation(path: self.displayRoot + "content"),
                              "no content folder: a site needs content/recommendations, content/briefings, content/meetings or content/pages")
            return
        }
        var links: Set<String> = []
        let skip = excluded?.standardizedFileURL.path
        refuseUnreadable(content.path, shown: "content")
        for entry in Self.entries(content.path, excluding: skip) where Kind(rawValue: entry.name) == nil || entry.kind != .folder {
            diagnostics.warning(SourceLocation(path: self.displayRoot + "content/" + entry.name),
                                "ignored: content goes in content/recommendations, content/briefings, content/meetings or content/pages")
        }
        for kind in Kind.allCases {
            let dir = content.path + "/" + kind.rawValue
            refuseUnreadable(dir, shown: "content/" + kind.rawValue)
            var unreadable: [(SourceLocation, String)] = []
            for entry in Self.entries(dir, excluding: skip) {
                let shown = self.displayRoot + "content/\(kind.rawValue)/\(entry.name)"
                switch entry.kind {
                case .misnamed:
                    unreadable.append((SourceLocation(path: shown), Self.notUTF8))
                case .file:
                    if entry.isLink { links.insert(entry.path) }
                    guard entry.name.hasSuffix(".md") else {
                        diagnostics.warning(SourceLocation(path: shown), "ignored: content files end in .md")
                        continue
                    }
                    guard entry.isRegular else {
                        unreadable.append((SourceLocation(path: shown), Self.notRegular))
                        continue
                    }
                    let slug = String(entry.name.dropLast(3))
                    guard Self.isSlug(slug) else {
                        diagnostics.error(SourceLocation(path: shown),
                                          "file name '\(slug)' is not a valid slug: use lower-case letters, digits and '-' (\(Self.slugPattern))")
                        continue
                    }
                    files.append(File(kind: kind, slug: slug, path: entry.path, displayPath: shown))
                case .folder, .dangling:
                    // Passed over as not a readable file; a `.md` among those was meant as
                    // content, so say why it is not read rather than drop it silently.
                    guard entry.name.hasSuffix(".md") else {
                        if entry.kind == .folder {
                            diagnostics.warning(SourceLocation(path: shown), "ignored: content folders are read one level deep")
                        }
                        continue
                    }
                    unreadable.append((SourceLocation(path: shown), entry.kind == .folder ? "cannot read file: it is a folder, not a content file" : Self.dangling))
                }
            }
            for (location, message) in unreadable { diagnostics.error(location, message) }
        }
        refuseUnreadable(self.root.path + "/templates", shown: "templates")
        for entry in Self.entries(self.root.path + "/templates", excluding: skip) where entry.kind != .folder && entry.name.hasSuffix(".mustache") {
            guard entry.kind != .misnamed else {
                diagnostics.error(SourceLocation(path: self.displayRoot + "templates/" + entry.name), Self.notUTF8)
                continue
            }
            guard entry.kind == .file else { continue }
            guard entry.isRegular else {
                diagnostics.error(SourceLocation(path: self.displayRoot + "templates/" + entry.name), Self.notRegular)
                continue
            }
            if entry.isLink { links.insert(entry.path) }
            templates.append(File(kind: .pages, slug: String(entry.name.dropLast(9)), path: entry.path,
                                  displayPath: self.displayRoot + "templates/" + entry.name))
        }
        var staticProblems: [(relative: String, message: String, isError: Bool)] = []
        staticFiles = Self.walk(self.root.path + "/static", excluding: skip, links: &links, problems: &staticProblems)
        for (relative, message, isError) in staticProblems {
            let at = SourceLocation(path: self.displayRoot + "static/" + relative)
            if isError { diagnostics.error(at, message) } else { diagnostics.warning(at, message) }
        }
        refuseLinksOutside(links)
    }

    /// Reading a pipe waits for a writer that never comes, and a device may never end.
    static let notRegular = "cannot read file: it is not a regular file (a pipe, socket or device)"

    /// How deep `static/` is read: no site needs more, and a bind mount could make a loop.
    static let maxStaticDepth = 32

    /// The one hidden folder a site publishes, `static/.well-known/` (RFC 8615: `security.txt`,
    /// domain verification, ACME challenges). Other hidden names in `static/` are not
    /// published (an editor's or a tool's files, a nested `.git`), and each is named in a
    /// warning but the bookkeeping ones below.
    public static let wellKnown = ".well-known"

    /// Whether the hidden `name`, at the top of `static/` (and so of the site) when `atTop`,
    /// is published: the rule the walk, `serve`'s look-up and its watchers share.
    public static func publishes(hidden name: String, atTop: Bool) -> Bool { atTop && name == wellKnown }

    /// Hidden names that are never content and would only make noise as warnings.
    static let bookkeeping: Set<String> = [".DS_Store", ".gitkeep", ".gitignore", ".gitattributes", ".keep"]

    static let hiddenIgnored = "ignored: hidden files are not published (only static/.well-known/ is); rename it if it belongs on the site"

    /// Folders are not followed through links (a link to a parent would never end).
    static let linkedFolderIgnored = "ignored: a symbolic link to a folder is not followed; copy the folder, or link its files one by one"

    static let dangling = "cannot read file: it is a symbolic link that leads nowhere (dangling, or a loop)"

    /// A name the build cannot spell back to the file system: a file was reported as missing,
    /// and a static folder's files were left out without a word.
    static let notUTF8 = "cannot read: the name is not UTF-8 text (shown here with \u{FFFD}); rename it"

    static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// A folder that exists but cannot be listed would drop its files without a word.
    private mutating func refuseUnreadable(_ dir: String, shown: String) {
        if Self.isUnlistable(dir) {
            diagnostics.error(SourceLocation(path: displayRoot + shown), "cannot read folder: permission denied")
        }
    }

    static func isUnlistable(_ dir: String) -> Bool {
        var st = stat()
        guard stat(dir, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return false }
        return FileIO.entries(dir) == nil
    }

    /// A symbolic link out of the site folder (`static/key -> ~/.ssh/id_rsa`) would
    /// publish whatever it points at from the machine that builds: a contributed
    /// tree must not reach outside itself, so such files are errors, not content.
    private mutating func refuseLinksOutside(_ links: Set<String>) {
        guard !links.isEmpty else { return }
        let inside = root.resolvingSymlinksInPath().path
        func escapes(_ url: URL) -> String? {
            guard links.contains(url.path) else { return nil }
            let target = url.resolvingSymlinksInPath().path
            return target == inside || target.hasPrefix(inside + "/") ? nil : target
        }
        func refuse(_ shown: String, _ target: String) {
            diagnostics.error(SourceLocation(path: shown),
                              "is a symbolic link to \(target), outside the site folder; only files inside the site are published")
        }
        files.removeAll { f in escapes(f.url).map { refuse(f.displayPath, $0) } != nil }
        templates.removeAll { f in escapes(f.url).map { refuse(f.displayPath, $0) } != nil }
        staticFiles.removeAll { f in escapes(f.url).map { refuse(displayRoot + "static/" + f.relative, $0) } != nil }
    }

    struct Entry {
        /// `misnamed`: a name that is not UTF-8, which no path made from a `String` reaches.
        enum Kind { case file, folder, dangling, misnamed }
        var name: String
        var path: String
        /// What the entry is once symbolic links are followed.
        var kind: Kind
        var isLink: Bool
        /// A regular file (after following a link): not a device, a socket or a pipe.
        var isRegular: Bool
    }

    /// Visible entries of a folder, sorted by name so that every run sees the same
    /// order, without the output folder (`excluding`, a standardized path).
    ///
    /// `readdir` rather than `FileManager` and `URL`, and `lstat` only where the folder does
    /// not say what an entry is (a link, or a file system without `d_type`): a build with
    /// nothing to do lists every content file before it can stop.
    /// `hidden`: hidden names too (the static walk decides about them itself).
    static func entries(_ dir: String, excluding skip: String?, hidden: Bool = false) -> [Entry] {
        let found = (FileIO.entries(dir) ?? []).filter { hidden || !$0.name.hasPrefix(".") }
        return found.sorted(by: { $0.name < $1.name }).compactMap { name, type, isUTF8 in
            let path = dir + "/" + name
            guard isUTF8 else { return Entry(name: name, path: path, kind: .misnamed, isLink: false, isRegular: false) }
            guard path != skip else { return nil }
            if type == Int32(DT_REG) { return Entry(name: name, path: path, kind: .file, isLink: false, isRegular: true) }
            if type == Int32(DT_DIR) { return Entry(name: name, path: path, kind: .folder, isLink: false, isRegular: false) }
            var st = stat()
            guard lstat(path, &st) == 0 else { return nil }
            let isLink = (st.st_mode & S_IFMT) == S_IFLNK
            if isLink && stat(path, &st) != 0 { return Entry(name: name, path: path, kind: .dangling, isLink: true, isRegular: false) }
            let type = st.st_mode & S_IFMT
            return Entry(name: name, path: path, kind: type == S_IFDIR ? .folder : .file, isLink: isLink, isRegular: type == S_IFREG)
        }
    }

    /// Every file below `static/` (symbolic links to files followed), without following
    /// symbolic links to folders (no loops), nor hidden names but `.well-known/` at the top.
    /// `problems`: what is not published, and why: errors for files that are not regular
    /// (pipes, devices), dangling links, folders that cannot be listed, names that are not
    /// UTF-8, folders too deep; warnings for hidden names (but the bookkeeping ones) and
    /// links to folders.
    static func walk(_ dir: String, excluding skip: String?, links: inout Set<String>,
                     problems: inout [(relative: String, message: String, isError: Bool)]) -> [(relative: String, url: URL)] {
        var out: [(String, URL)] = []
        func visit(_ d: String, _ prefix: String, depth: Int) {
            guard depth < maxStaticDepth else {
                problems.append((prefix, "cannot read folder: static/ is read \(maxStaticDepth) folders deep; move its files up", true))
                return
            }
            if isUnlistable(d) { problems.append((prefix.isEmpty ? "" : prefix, "cannot read folder: permission denied", true)); return }
            for entry in entries(d, excluding: skip, hidden: true) {
                if entry.name.hasPrefix("."), !(publishes(hidden: entry.name, atTop: prefix.isEmpty) && entry.kind == .folder && !entry.isLink) {
                    if !bookkeeping.contains(entry.name) { problems.append((prefix + entry.name, hiddenIgnored, false)) }
                    continue
                }
                switch entry.kind {
                case .folder where !entry.isLink:
                    visit(entry.path, prefix + entry.name + "/", depth: depth + 1)
                case .file where entry.isRegular:
                    if entry.isLink { links.insert(entry.path) }
                    out.append((prefix + entry.name, URL(fileURLWithPath: entry.path, isDirectory: false)))
                case .folder:
                    problems.append((prefix + entry.name, linkedFolderIgnored, false))
                case .file:
                    problems.append((prefix + entry.name, notRegular, true))
                case .misnamed:
                    problems.append((prefix + entry.name, notUTF8, true))
                case .dangling:
                    problems.append((prefix + entry.name, dangling, true))
                }
            }
        }
        visit(dir, "", depth: 0)
        return out
    }
}
