import BriefingKit
import Foundation

/// The built site on disk, and how a URL path maps into it.
///
/// The server reads the files `briefing build` wrote rather than keeping its own
/// copy: what a browser gets is byte for byte what gets published, plus the reload
/// tag, and whatever the build learns to skip or reuse the server gets for free.
struct SiteFolder: Sendable {
    enum Lookup: Equatable {
        case file(path: String)
        /// A folder asked for without its trailing slash: relative links need the slash.
        case redirect(location: String)
        case notFound
        case badPath
    }

    let root: URL

    /// Maps `/a/b/` to `a/b/index.html`, `/a/b` (a folder) to a redirect, and refuses
    /// any path that could climb out of the site.
    ///
    /// Split at `/` bytes, as the file system splits it: split by characters, a combining
    /// mark after a slash (`/../%CC%81x`) makes one character of the two, and the `..`
    /// before it is no segment of its own. Only the hidden-name rule then refused the path
    /// (the glued segment starts with a dot); the climb is refused as a climb now.
    func lookup(_ rawPath: String) -> Lookup {
        guard let path = rawPath.removingPercentEncoding, path.hasPrefix("/"),
              !path.utf8.contains(0), !path.utf8.contains(UInt8(ascii: "\\")) else { return .badPath }
        let segments = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map { Substring($0) }
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .badPath }
        // The build writes no hidden file but `.well-known/` at the top (`SourceTree.publishes`);
        // the state and an in-place build's temporary files stay private.
        if segments.enumerated().contains(where: { i, s in s.hasPrefix(".") && !SourceTree.publishes(hidden: String(s), atTop: i == 0) }) { return .notFound }
        let relative = segments.joined(separator: "/")
        if path.hasSuffix("/") {
            let index = relative.isEmpty ? "index.html" : relative + "/index.html"
            return isFile(index) ? .file(path: index) : .notFound
        }
        if isFile(relative) { return .file(path: relative) }
        if isFolder(relative), isFile(relative + "/index.html") { return .redirect(location: rawPath + "/") }
        return .notFound
    }

    func read(_ relative: String) -> [UInt8]? {
        FileManager.default.contents(atPath: root.appendingPathComponent(relative).path).map { [UInt8]($0) }
    }

    /// False for the moment between the two renames that swap a new build into place.
    var exists: Bool { FileManager.default.fileExists(atPath: root.path) }

    private func isFile(_ relative: String) -> Bool {
        var isDir: ObjCBool = false
        return !relative.isEmpty && FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &isDir) && !isDir.boolValue
    }

    private func isFolder(_ relative: String) -> Bool {
        var isDir: ObjCBool = false
        return !relative.isEmpty && FileManager.default.fileExists(atPath: root.appendingPathComponent(relative).path, isDirectory: &isDir) && isDir.boolValue
    }
}
