import Foundation
@testable import BriefingKit

/// Where the import tests find their decks, and scratch sites to import into.
enum ImportFixtures {
    /// The repository root, from this file's place in Tests/BriefingKitTests/Import/.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let decks = repoRoot.appendingPathComponent("Tests/BriefingKitTests/Fixtures/decks")

    /// The shared seed next to the repository when it is there, else the committed copy.
    static var seed: URL {
        let shared = repoRoot.appendingPathComponent("../shared/seeds/ssr2-plenary-41-slides.txt").standardizedFileURL
        return FileManager.default.fileExists(atPath: shared.path) ? shared : deck("ssr2-plenary-41-slides.txt")
    }

    static func deck(_ name: String) -> URL { decks.appendingPathComponent(name) }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// A fresh, empty site folder under the system's temporary folder.
    static func scratchSite() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("briefing-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, to name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Every file under `folder`, relative path → text.
    static func tree(_ folder: URL) -> [String: String] {
        var out: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return out }
        let base = folder.resolvingSymlinksInPath().path + "/"
        for case let url as URL in walker where !url.hasDirectoryPath {
            let path = url.resolvingSymlinksInPath().path
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            out[path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path] = text
        }
        return out
    }

    /// Converts deck text and returns the files by path, failing loudly on an error.
    static func convert(_ text: String, meeting: String? = nil) throws -> [String: String] {
        let result = try DeckImporter.convert(Data(text.utf8), path: "deck.txt", meetingSlug: meeting)
        return Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.text) })
    }
}

/// The facts a comparison needs from a recommendation file, read by scanning lines
/// in the layout of docs/seed-conventions.md (the tests have no YAML library).
struct ScannedRecommendation: Equatable {
    var number: Int?
    var briefing: String?
    var questions: [ScannedQuestion] = []
    var body = ""
}

struct ScannedQuestion: Equatable {
    var id: String
    var text: String
}

struct ScannedBriefing: Equatable {
    var title: String?
    var team: String?
    var order: String?
}

enum ContentScan {
    static func split(_ text: String) -> (frontMatter: [String], body: String) {
        let lines = text.components(separatedBy: "\n")
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return ([], text) }
        return (Array(lines[1..<end]), lines[(end + 1)...].joined(separator: "\n"))
    }

    static func recommendation(_ text: String) -> ScannedRecommendation {
        let (yaml, body) = split(text)
        var rec = ScannedRecommendation(body: normalised(body))
        var inText = false
        for line in yaml {
            if inText, line.hasPrefix("      ") {
                rec.questions[rec.questions.count - 1].text += " " + line
                continue
            }
            inText = false
            if line.hasPrefix("number: ") { rec.number = Int(value(line, "number: ")) }
            if line.hasPrefix("briefing: ") { rec.briefing = value(line, "briefing: ") }
            if line.hasPrefix("  - id: ") { rec.questions.append(ScannedQuestion(id: value(line, "  - id: "), text: "")) }
            if line.hasPrefix("    text: ") {
                let v = value(line, "    text: ")
                if v == "|" || v == "|-" || v == ">" { inText = true } else { rec.questions[rec.questions.count - 1].text = v }
            }
        }
        rec.questions = rec.questions.map { ScannedQuestion(id: $0.id, text: normalised($0.text)) }
        return rec
    }

    static func briefing(_ text: String) -> ScannedBriefing {
        var b = ScannedBriefing()
        for line in split(text).frontMatter {
            if line.hasPrefix("title: ") { b.title = value(line, "title: ") }
            if line.hasPrefix("team: ") { b.team = value(line, "team: ") }
            if line.hasPrefix("order: ") { b.order = value(line, "order: ") }
        }
        return b
    }

    /// The value after `key`, without surrounding double quotes.
    static func value(_ line: String, _ key: String) -> String {
        var v = String(line.dropFirst(key.count)).trimmingCharacters(in: .whitespaces)
        if v.count >= 2, v.hasPrefix("\""), v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
        return v
    }

    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `content/recommendations/*.md` under `site`, by number; nil when the folder is missing.
    static func recommendations(in site: URL) -> [Int: ScannedRecommendation]? {
        let folder = site.appendingPathComponent("content/recommendations")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        var out: [Int: ScannedRecommendation] = [:]
        for name in names where name.hasSuffix(".md") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            let rec = recommendation(text)
            out[rec.number ?? -1] = rec
        }
        return out
    }

    static func briefings(in site: URL) -> [String: ScannedBriefing]? {
        let folder = site.appendingPathComponent("content/briefings")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        var out: [String: ScannedBriefing] = [:]
        for name in names where name.hasSuffix(".md") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            out[String(name.dropLast(3))] = briefing(text)
        }
        return out
    }
}
