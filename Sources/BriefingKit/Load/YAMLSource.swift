import Foundation
import Yams

/// The front matter of one file, as Yams composed it, with the arithmetic that
/// turns Yams' marks (relative to the YAML block) into file positions.
struct YAMLSource {
    let path: String
    /// File line of the YAML's first line.
    let firstLine: Int
    /// Where each line starts, in UTF-8 offsets: splitting every file into Substrings by
    /// Characters cost a third of the load stage, and only block scalars need a line.
    private let lineStarts: [Int]
    let yaml: String
    /// No tag is written (`YAMLPreflight.writesNoTag`), so every key is a plain string and
    /// Yams' basic resolver, which skips a regular expression per scalar, reads the mapping
    /// the same way.
    let plainTags: Bool

    init(path: String, yaml: String, firstLine: Int) {
        self.path = path
        self.firstLine = firstLine
        self.yaml = yaml
        // memchr from one newline to the next.
        (self.lineStarts, self.plainTags) = yaml.readingUTF8 { b in
            var starts = [0]
            guard let base = b.baseAddress else { return (starts, true) }
            var i = 0
            while let hit = memchr(base + i, 10, b.count - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(i)
            }
            return (starts, YAMLPreflight.writesNoTag(b))
        }
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: firstLine + line - 1, column: column)
    }

    func location(of node: Node) -> SourceLocation? { location(of: node.mark) }

    func location(of mark: Mark?) -> SourceLocation? {
        mark.map { location(line: $0.line, column: $0.column) }
    }

    /// Yams reads its default from the environment on every parse (a third of a
    /// millisecond each); the environment does not change while we build.
    nonisolated(unsafe) private static let encoding = Parser.Encoding.default
    /// `Constructor.default` builds its tables anew on every call; compose only reads them.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Line and column (in characters, as Yams counts) of a UTF-8 offset into the YAML.
    func position(ofByte offset: Int) -> (line: Int, column: Int) {
        let bytes = Array(yaml.utf8)
        let clamped = min(max(0, offset), bytes.count)
        var line = 0
        while line + 1 < lineStarts.count && lineStarts[line + 1] <= clamped { line += 1 }
        return (line + 1, SourceText.characters(in: bytes[lineStarts[line]..<clamped]) + 1)
    }

    /// The second use of `key` in the mapping whose first use Yams marked: the next line
    /// that holds `key:` at the same column, before the mapping ends (a line indented less).
    private func repeatedKey(_ key: String, after mark: Mark) -> SourceLocation? {
        guard mark.line >= 1, mark.line <= lineStarts.count, mark.column >= 1 else { return nil }
        for n in mark.line..<lineStarts.count {
            let text = Array(line(n).unicodeScalars)
            let indent = text.prefix { $0 == " " || $0 == "-" }.count
            if text.allSatisfy({ $0 == " " || $0 == "\r" }) || text.first == "#" { continue }
            if indent < mark.column - 1 { return nil }
            guard indent == mark.column - 1 else { continue }
            let rest = String(String.UnicodeScalarView(text[indent...]))
            if rest.hasPrefix(key), rest.dropFirst(key.count).drop(while: { $0 == " " }).hasPrefix(":") {
                return location(line: n + 1, column: mark.column)
            }
        }
        return nil
    }

    /// Composes the YAML into a node tree, or a diagnostic at the offending position.
    func compose() -> Result<Node?, Diagnostic> {
        if let refused = YAMLPreflight.check(yaml) {
            return .failure(.error(location(line: refused.line, column: refused.column), refused.message))
        }
        do {
            if plainTags {
                // The basic resolver can only find more duplicate keys ("1" and 1 become one);
                // then the default resolver has the last word.
                if let node = try? Yams.compose(yaml: yaml, .basic, Self.constructor, Self.encoding) { return .success(node) }
            }
            return .success(try Yams.compose(yaml: yaml, .default, Self.constructor, Self.encoding))
        } catch let e as YamlError {
            switch e {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                var message = "invalid YAML: \(problem)"
                if let context { message += " (\(context.text) at line \(context.mark.line + firstLine - 1))" }
                return .failure(.error(location(line: mark.line, column: mark.column), message))
            case .duplicatedKeysInMapping(let duplicates, let context):
                // Yams marks the key's first use; the mistake is the use after it.
                let at = duplicates.count == 1 ? repeatedKey(duplicates[0], after: context.mark) : nil
                return .failure(.error(at ?? location(line: context.mark.line, column: context.mark.column),
                                       "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in front matter"))
            case .reader(let problem, let offset, let value, _):
                // libyaml's reader stops at a byte it refuses (a control character, bad UTF-8).
                let at = offset.map(position(ofByte:)) ?? (line: 1, column: 1)
                let code = "U+" + String(format: "%04X", value)
                return .failure(.error(location(line: at.line, column: at.column), "invalid YAML: \(problem) (\(code))"))
            default:
                return .failure(.error(location(line: 1, column: 1), "invalid YAML: \(e)"))
            }
        } catch {
            return .failure(.error(location(line: 1, column: 1), "invalid YAML: \(error)"))
        }
    }

    /// Line `i` (0-based) without its "\n"; "\n" is always a Character of its own, so the
    /// bytes split where the Characters would.
    private func line(_ i: Int) -> Substring {
        let u = yaml.utf8
        let start = u.index(u.startIndex, offsetBy: lineStarts[i])
        let end = i + 1 < lineStarts.count ? u.index(u.startIndex, offsetBy: lineStarts[i + 1] - 1) : u.endIndex
        return yaml[start..<end]
    }

    /// The Characters " " that start line `i`, and whether the line holds nothing else.
    /// Counted on bytes (Characters cost a fifth of decoding a question) unless the first
    /// other byte is not ASCII: a combining mark would join the last space into another Character.
    private func indentation(ofLine i: Int) -> (spaces: Int, blank: Bool) {
        let text = line(i)
        var spaces = 0
        for b in text.utf8 {
            if b == 32 { spaces += 1; continue }
            if b < 0x80 || spaces == 0 { return (spaces, false) }
            return (text.prefix(while: { $0 == " " }).count, text.allSatisfy({ $0 == " " }))
        }
        return (spaces, true)
    }

    /// Where a scalar's text begins, so Markdown positions map back to the file.
    func markdown(_ s: Node.Scalar, fallback: SourceLocation) -> MarkdownText {
        guard let mark = s.mark else { return MarkdownText(s.string, origin: fallback) }
        switch s.style {
        case .literal, .folded:
            // The text starts on the line after the `|` indicator, at that line's indentation.
            var line = mark.line + 1
            while line - 1 < lineStarts.count, indentation(ofLine: line - 1).blank { line += 1 }
            let indent = line - 1 < lineStarts.count ? indentation(ofLine: line - 1).spaces : 0
            return MarkdownText(s.string, origin: location(line: line, column: indent + 1), indent: indent)
        case .singleQuoted, .doubleQuoted:
            return MarkdownText(s.string, origin: location(line: mark.line, column: mark.column + 1), indent: mark.column)
        default:
            return MarkdownText(s.string, origin: location(line: mark.line, column: mark.column), indent: mark.column - 1)
        }
    }
}

/// Which link destinations may appear in published pages.
enum URLPolicy {
    /// http(s), mailto, fragment and relative URLs; never `javascript:`, `data:`, `vbscript:`, `file:`.
    static func isSafe(_ url: String) -> Bool {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        // Browsers ignore tabs, newlines and leading control characters inside a scheme.
        let squeezed = String(trimmed.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
        guard let colon = squeezed.firstIndex(of: ":") else { return true }
        let scheme = squeezed[..<colon]
        if scheme.contains(where: { "/?#".contains($0) }) { return true }  // a colon in a path, not a scheme
        return ["http", "https", "mailto"].contains(String(scheme))
    }
}
