/// Splits a content file into its YAML front matter and its Markdown body.
///
/// Only a first line that is exactly `---` opens front matter, and the next line
/// that is exactly `---` closes it (Hugo, Jekyll and Zola agree on this), so a
/// `---` thematic break further down a body is never mistaken for a delimiter.
struct FrontMatterSplitter {
    struct Parts: Equatable {
        /// The YAML between the delimiters, or nil when the file has none.
        var yaml: String?
        /// File line of the YAML's first line.
        var yamlLine: Int
        var body: String
        /// File line of the body's first line.
        var bodyLine: Int
    }

    enum Failure: Error, Equatable {
        case unclosed
    }

    static func split(_ text: String) -> Result<Parts, Failure> {
        guard text.hasPrefix("---\n") || text == "---" else {
            return .success(Parts(yaml: nil, yamlLine: 1, body: text, bodyLine: 1))
        }
        let utf8 = text.utf8
        var lineStart = utf8.index(utf8.startIndex, offsetBy: 4, limitedBy: utf8.endIndex) ?? utf8.endIndex
        let yamlStart = lineStart
        var line = 2
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 10) ?? utf8.endIndex
            if utf8.distance(from: lineStart, to: lineEnd) == 3, utf8[lineStart..<lineEnd].elementsEqual("---".utf8) {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return .success(Parts(yaml: yaml, yamlLine: 2, body: String(text[bodyStart...]), bodyLine: line + 1))
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
            line += 1
        }
        return .failure(.unclosed)
    }
}
