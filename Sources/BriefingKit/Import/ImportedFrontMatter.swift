import Yams

/// Reads generated front matter back with the same YAML library the build uses, so
/// the importer never writes a file whose values would read differently (an id that
/// became a number, a title cut at "#").
enum ImportedFrontMatter {
    /// The front matter of `text` as YAML values.
    static func load(_ text: String) throws -> [String: Any] {
        guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else {
            throw Failure("no front matter between --- lines")
        }
        let yaml = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound]) + "\n"
        guard let map = try Yams.load(yaml: yaml) as? [String: Any] else { throw Failure("front matter is not a mapping") }
        return map
    }

    /// Checks that the values a reader gets back are the values the deck gave.
    static func verify(_ file: ImportedFile, deck: Deck) throws {
        let map: [String: Any]
        do {
            map = try load(file.text)
        } catch {
            throw ImportError.generatedInvalidYAML(path: "content/" + file.path, reason: "\(error)")
        }
        func fail(_ reason: String) -> ImportError {
            .generatedInvalidYAML(path: "content/" + file.path, reason: reason)
        }
        guard map["title"] is String else { throw fail("title is not a string") }
        guard file.path.hasPrefix("recommendations/") else { return }
        guard let number = map["number"] as? Int,
              let rec = deck.recommendations.first(where: { $0.number == number }) else {
            throw fail("number does not read back as a recommendation number")
        }
        guard (map["title"] as? String) == rec.title else { throw fail("title reads back differently") }
        let ids = (map["questions"] as? [[String: Any]] ?? []).map { $0["id"] as? String }
        guard ids == rec.questions.map({ Optional($0.id) }) else { throw fail("question ids read back differently") }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
