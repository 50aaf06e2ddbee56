/// Templates that include themselves through partials (`{{> name}}`) or parents
/// (`{{< name}}`). The site's data has no recursive shapes, so such a template
/// never stops rendering: the stack runs out and the build dies (a `templates/
/// footer.mustache` holding `{{> footer}}` did exactly that). Found before rendering,
/// it is an error at the reference that closes the loop.
enum PartialCycles {
    struct Reference: Equatable {
        var name: String
        /// 1-based, in the template's text.
        var line: Int
        var column: Int
    }

    struct Cycle: Equatable {
        /// The templates in order; the last one refers back to the first.
        var names: [String]
        /// Where `names[0]` refers to the next template of the cycle.
        var reference: Reference
    }

    /// References as written with the default delimiters; a template that changes its
    /// delimiters (`{{=`) is not read, and neither is a dynamic name (`{{>*`).
    static func references(_ text: String) -> [Reference] {
        let b = Array(text.utf8)
        var out: [Reference] = []
        var line = 1, lineStart = 0, i = 0
        while i + 2 < b.count {
            if b[i] == 10 { line += 1; lineStart = i + 1; i += 1; continue }
            guard b[i] == 123, b[i + 1] == 123, b[i + 2] == 62 || b[i + 2] == 60 else { i += 1; continue }  // "{{>" or "{{<"
            var j = i + 3
            while j < b.count, b[j] == 32 { j += 1 }
            let start = j
            while j < b.count, b[j] != 32, b[j] != 125, b[j] != 10 { j += 1 }
            if j > start, b[start] != 42 {  // not "*": a dynamic name
                out.append(Reference(name: String(decoding: b[start..<j], as: UTF8.self), line: line, column: i - lineStart + 1))
            }
            i = j
        }
        return out
    }

    /// Every cycle once, starting from its first name in sorted order among those in
    /// `preferred` (the site's own templates, where a fix belongs), else among all.
    static func find(_ texts: [String: String], preferred: Set<String> = []) -> [Cycle] {
        let refs = texts.mapValues { references($0) }
        var state: [String: Bool] = [:]  // false: on the current path; true: done
        var path: [String] = []
        var cycles: [Cycle] = []
        func visit(_ name: String) {
            state[name] = false
            path.append(name)
            for next in Set((refs[name] ?? []).map(\.name)).sorted() where texts[next] != nil {
                switch state[next] {
                case nil: visit(next)
                case false?:
                    var names = Array(path[path.lastIndex(of: next)!...])
                    let candidates = names.indices.filter { preferred.contains(names[$0]) }
                    let first = (candidates.isEmpty ? Array(names.indices) : candidates).min { names[$0] < names[$1] }!
                    names = Array(names[first...] + names[..<first])
                    let to = names.count > 1 ? names[1] : names[0]
                    if let at = refs[names[0]]?.first(where: { $0.name == to }), !cycles.contains(where: { $0.names == names }) {
                        cycles.append(Cycle(names: names, reference: at))
                    }
                case true?: break
                }
            }
            path.removeLast()
            state[name] = true
        }
        for name in texts.keys.sorted() where state[name] == nil { visit(name) }
        return cycles
    }
}
