import Foundation

/// The files of a site's source folder, found but not yet read.
public struct SourceTree: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case recommendations, briefings, meetings, pages
    }

    public struct File: Sendable, Hashable {
        public var kind: Kind
        public var slug: String
        /// Absolute path, for reading.
        public var url: URL
        /// The path diagnostics print: relative to where the user stands when possible.
        public var displayPath: String
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
        if fm.fileExists(atPath: config.path) { self.config = config }

        let content = self.root.appendingPathComponent("content")
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: content.path, isDirectory: &isDir), isDir.boolValue else {
            diagnostics.error(SourceLocation(path: self.displayRoot + "content"),
                              "no content folder: a site needs content/recommendations, content/briefings, content/meetings or content/pages")
            return
        }
        for kind in Kind.allCases {
            let dir = content.appendingPathComponent(kind.rawValue)
            for (name, url) in Self.list(dir, excluding: excluded) {
                let shown = self.displayRoot + "content/\(kind.rawValue)/\(name)"
                guard name.hasSuffix(".md") else {
                    diagnostics.warning(SourceLocation(path: shown), "ignored: content files end in .md")
                    continue
                }
                let slug = String(name.dropLast(3))
                guard Self.isSlug(slug) else {
                    diagnostics.error(SourceLocation(path: shown),
                                      "file name '\(slug)' is not a valid slug: use lower-case letters, digits and '-' (\(Self.slugPattern))")
                    continue
                }
                files.append(File(kind: kind, slug: slug, url: url, displayPath: shown))
            }
            // `list` passes over what is not a readable file; a `.md` among those was
            // meant as content, so say why it is not read rather than drop it silently.
            for (name, why) in Self.unreadable(dir, excluding: excluded) where name.hasSuffix(".md") {
                diagnostics.error(SourceLocation(path: self.displayRoot + "content/\(kind.rawValue)/\(name)"), "cannot read file: \(why)")
            }
        }
        for (name, url) in Self.list(root.appendingPathComponent("templates"), excluding: excluded) where name.hasSuffix(".mustache") {
            templates.append(File(kind: .pages, slug: String(name.dropLast(9)), url: url, displayPath: self.displayRoot + "templates/" + name))
        }
        staticFiles = Self.walk(root.appendingPathComponent("static"), excluding: excluded)
        refuseLinksOutside()
    }

    /// A symbolic link out of the site folder (`static/key -> ~/.ssh/id_rsa`) would
    /// publish whatever it points at from the machine that builds: a contributed
    /// tree must not reach outside itself, so such files are errors, not content.
    private mutating func refuseLinksOutside() {
        let inside = root.resolvingSymlinksInPath().path
        func escapes(_ url: URL) -> String? {
            guard (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil else { return nil }
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

    /// Visible entries of a folder, sorted by name so that every run sees the same
    /// order, without the output folder.
    static func entries(_ dir: URL, excluding excluded: URL?) -> [(String, URL)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        let skip = excluded?.standardizedFileURL.path
        return names.sorted().compactMap { name in
            guard !name.hasPrefix(".") else { return nil }
            let url = dir.appendingPathComponent(name)
            return url.standardizedFileURL.path == skip ? nil : (name, url)
        }
    }

    /// The files of a folder (symbolic links followed), not its subfolders.
    static func list(_ dir: URL, excluding excluded: URL?) -> [(String, URL)] {
        entries(dir, excluding: excluded).filter { _, url in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
        }
    }

    /// Entries of a folder that `list` passes over because they cannot be read as files.
    static func unreadable(_ dir: URL, excluding excluded: URL?) -> [(String, String)] {
        entries(dir, excluding: excluded).compactMap { name, url in
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
                return isDir.boolValue ? (name, "it is a folder, not a content file") : nil
            }
            return (name, "it is a symbolic link that leads nowhere (dangling, or a loop)")
        }
    }

    /// Every regular file below `static/`, without following symlinked folders (no loops).
    static func walk(_ dir: URL, excluding excluded: URL?) -> [(relative: String, url: URL)] {
        var out: [(String, URL)] = []
        func visit(_ d: URL, _ prefix: String, depth: Int) {
            guard depth < 32 else { return }
            for (name, url) in entries(d, excluding: excluded) {
                guard let attrs = try? FileManager.default.attributesOfItem(atPath: url.path),
                      let type = attrs[.type] as? FileAttributeType else { continue }
                if type == .typeDirectory {
                    visit(url, prefix + name + "/", depth: depth + 1)
                } else if type == .typeRegular {
                    out.append((prefix + name, url))
                } else if type == .typeSymbolicLink {
                    var isDir: ObjCBool = false
                    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue {
                        out.append((prefix + name, url))
                    }
                }
            }
        }
        visit(dir, "", depth: 0)
        return out
    }
}
