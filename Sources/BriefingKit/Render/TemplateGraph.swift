import Foundation

/// Which templates a template reaches through partials (`{{> name}}`) and
/// parents (`{{< name}}`), read from the template texts; used to decide where the
/// shared rendering of the `question` partial gives the same bytes.
struct TemplateGraph {
    struct Reference: Hashable {
        var name: String
        /// Alone on its line with no indentation: the partial's output stands in for the line as is.
        var plainLine: Bool
    }

    let texts: [String: String]
    /// Templates whose references cannot be read plainly (changed delimiters, dynamic names).
    private(set) var opaque: Set<String> = []
    private(set) var references: [String: [Reference]] = [:]

    init(texts: [String: String]) {
        self.texts = texts
        for (name, text) in texts {
            let b = Array(text.utf8)
            if Self.contains(b, "{{=") || Self.contains(b, "{{>*") || Self.contains(b, "{{<*") { opaque.insert(name) }
            references[name] = Self.scan(b)
        }
    }

    /// On bytes, with `PageLinks`' search: `String.contains` took longer than the rest of the scan.
    private static func contains(_ b: [UInt8], _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            b.withUnsafeBytes { PageLinks.find(UnsafeRawBufferPointer(needle), in: $0, from: 0) != nil }
        }
    }

    /// Every template `name` renders through, itself included; nil when one cannot be read.
    func reach(_ name: String) -> Set<String>? {
        var seen: Set<String> = []
        var todo = [name]
        while let n = todo.popLast() {
            guard seen.insert(n).inserted else { continue }
            if opaque.contains(n) { return nil }
            todo += (references[n] ?? []).map(\.name)
        }
        return seen
    }

    /// All plain references to `partial` from the templates in `set`.
    func everyUse(of partial: String, in set: Set<String>) -> [Reference] {
        set.flatMap { references[$0] ?? [] }.filter { $0.name == partial }
    }

    static func scan(_ b: [UInt8]) -> [Reference] {
        var out: [Reference] = []
        var i = 0
        while i + 1 < b.count {
            guard b[i] == 123, b[i + 1] == 123 else { i += 1; continue }  // "{{"
            var j = i + 2
            while j < b.count, b[j] == 32 || b[j] == 9 { j += 1 }
            guard j < b.count, b[j] == 62 || b[j] == 60 else { i += 2; continue }  // ">" or "<"
            j += 1
            let start = j
            while j + 1 < b.count, !(b[j] == 125 && b[j + 1] == 125) { j += 1 }  // "}}"
            let name = String(decoding: b[start..<j], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            let end = j + 2
            let lineStart = i == 0 || b[i - 1] == 10
            let lineEnd = end >= b.count || b[end] == 10
            out.append(Reference(name: name, plainLine: lineStart && lineEnd))
            i = end
        }
        return out
    }
}
