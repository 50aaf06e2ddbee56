import Foundation

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
        // Bytes and memchr: `firstIndex(of:)` on the UTF-8 view went through the collection
        // protocols a byte at a time.
        let found: (yamlEnd: Int, bodyStart: Int, bodyLine: Int)? = text.readingUTF8 { b in
            guard let base = b.baseAddress else { return nil }
            var lineStart = min(4, b.count)
            var line = 2
            while lineStart < b.count {
                let newline = memchr(base + lineStart, 10, b.count - lineStart)
                let lineEnd = newline.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? b.count
                if lineEnd - lineStart == 3, b[lineStart] == 45, b[lineStart + 1] == 45, b[lineStart + 2] == 45 {  // "---"
                    return (lineStart, min(lineEnd + 1, b.count), line + 1)
                }
                guard lineEnd < b.count else { break }
                lineStart = lineEnd + 1
                line += 1
            }
            return nil
        }
        guard let found else { return .failure(.unclosed) }
        // Cut as Substrings, which copy without checking the UTF-8 again (`String(decoding:)`
        // checks every byte of a text that is not all ASCII). Every cut follows a "\n" or
        // the end, where a Character always ends.
        let u = text.utf8
        func at(_ offset: Int) -> String.Index { u.index(u.startIndex, offsetBy: offset) }
        let yaml = String(text[at(min(4, u.count))..<at(found.yamlEnd)])
        let body = String(text[at(found.bodyStart)...])
        return .success(Parts(yaml: yaml, yamlLine: 2, body: body, bodyLine: found.bodyLine))
    }
}
