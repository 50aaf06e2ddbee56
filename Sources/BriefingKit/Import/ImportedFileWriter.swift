import Foundation

/// One file of an import, with what writing it would do to the site.
public struct PlannedFile: Equatable, Sendable {
    public enum Action: String, Sendable {
        case create
        /// The file exists with other text; needs --force.
        case overwrite
        /// The file exists with exactly this text; left alone.
        case unchanged
    }

    /// Relative to the site folder, e.g. `content/recommendations/11.md`.
    public var path: String
    public var text: String
    public var action: Action
}

/// Writes imported files under `SITE_DIR/content/` and nowhere else. Every target is
/// checked before the first byte is written, so a refusal leaves the site untouched.
enum ImportedFileWriter {
    static let sections: Set<String> = ["recommendations", "briefings", "meetings", "pages"]

    static func plan(_ files: [ImportedFile], siteDirectory: URL) throws -> [PlannedFile] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: siteDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImportError.siteMissing(path: siteDirectory.path)
        }
        let content = siteDirectory.appendingPathComponent("content")
        let contentRoot = content.resolvingSymlinksInPath().standardizedFileURL.path
        var planned: [PlannedFile] = []
        for file in files {
            let relative = "content/" + file.path
            try checkShape(file.path, relative: relative)
            let target = content.appendingPathComponent(file.path)
            // A section folder that is a link to elsewhere would carry writes out of content/.
            let folder = target.deletingLastPathComponent()
            for f in [content, folder] where fm.fileExists(atPath: f.path, isDirectory: &isDirectory) && !isDirectory.boolValue {
                throw ImportError.unsafeTarget(path: relative, reason: "\(f.lastPathComponent) is a file, not a folder")
            }
            if fm.fileExists(atPath: folder.path) {
                let resolved = folder.resolvingSymlinksInPath().standardizedFileURL.path
                guard resolved.hasPrefix(contentRoot + "/") else {
                    throw ImportError.unsafeTarget(path: relative, reason: "\(folder.lastPathComponent)/ leads outside content/")
                }
            }
            var action = PlannedFile.Action.create
            if fm.fileExists(atPath: target.path, isDirectory: &isDirectory) {
                if isDirectory.boolValue { throw ImportError.unsafeTarget(path: relative, reason: "it is a folder") }
                let existing = try? Data(contentsOf: target)
                action = existing == Data(file.text.utf8) ? .unchanged : .overwrite
            }
            planned.append(PlannedFile(path: relative, text: file.text, action: action))
        }
        return planned
    }

    /// Only `<section>/<slug>.md`: no "..", no absolute paths, no other folders.
    private static func checkShape(_ path: String, relative: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, sections.contains(String(parts[0])), parts[1].hasSuffix(".md"),
              DeckSlug.isValid(String(parts[1].dropLast(3))) else {
            throw ImportError.unsafeTarget(path: relative, reason: "not of the form <section>/<slug>.md")
        }
    }

    static func write(_ plan: [PlannedFile], siteDirectory: URL) throws -> [String] {
        var written: [String] = []
        for file in plan where file.action != .unchanged {
            let target = siteDirectory.appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: target, options: .atomic)
            } catch {
                throw ImportError.writeFailed(path: file.path, reason: (error as NSError).localizedDescription, written: written)
            }
            written.append(file.path)
        }
        return written
    }
}
