import Foundation

/// The repository's own site sources (briefing.yml, content/, templates/, static/)
/// copied into a fresh temporary folder, so a test can scaffold into real content.
struct RepositoryCopy {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("briefing-scaffold-\(UUID().uuidString)", isDirectory: true)
        let fm = FileManager.default
        try fm.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["briefing.yml", "content", "templates", "static"] {
            let from = Repository.root.appendingPathComponent(name)
            if fm.fileExists(atPath: from.path) { try fm.copyItem(at: from, to: root.appendingPathComponent(name)) }
        }
    }

    func text(_ path: String) -> String? {
        (try? Data(contentsOf: root.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}
