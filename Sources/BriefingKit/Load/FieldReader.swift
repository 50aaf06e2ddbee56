import Yams

/// Typed reading of a YAML mapping composed by Yams, with a file position for
/// every complaint.
///
/// Values are read from the node's source text, never through Yams' untyped
/// resolver: an unquoted `id: 11.10` stays the string "11.10" (the resolver
/// would make it the float 11.1) and `no` stays "no" where a string belongs.
final class FieldReader {
    let path: String
    let mapping: Node.Mapping
    let location: SourceLocation
    private let source: YAMLSource
    private var diagnostics: DiagnosticSink
    /// Keys asked for: a handful per mapping, so a list beats hashing each one.
    private var read: [String] = []
    /// The mapping's pairs, copied out of Yams once: iterating `Node.Mapping` copies every
    /// pair, and each lookup used to walk it again. Of a key, only what a search and a
    /// complaint need is kept: its text, its name and where it is written (a key `Node`
    /// kept whole cost a copy and a destruction of its tag, style and anchor per pair).
    private let entries: [Entry]
    /// No tag is written, so a key's text is the whole of its identity and a key is
    /// found by comparing text; otherwise Yams' own lookup (through its resolver) decides.
    private let plainKeys: Bool

    private struct Entry {
        let value: Node
        /// Set for scalar keys only, the ones a field can match.
        let text: String?
        /// Yams' `Node.string` of the key: what complaints print.
        let name: String?
        let keyMark: Mark?
    }

    init(mapping: Node.Mapping, at location: SourceLocation, source: YAMLSource, diagnostics: DiagnosticSink) {
        self.path = source.path
        self.mapping = mapping
        self.location = location
        self.source = source
        self.diagnostics = diagnostics
        var entries: [Entry] = []
        entries.reserveCapacity(mapping.count)
        // By index: iterating a `Node.Mapping` first copies all its pairs into an array of tuples.
        for i in mapping.indices {
            let (k, v) = mapping[i]
            if case .scalar(let key) = k {
                // A scalar key's `string` is its text; Yams' constructor is asked only for the others.
                entries.append(Entry(value: v, text: key.string, name: key.string, keyMark: key.mark))
            } else {
                entries.append(Entry(value: v, text: nil, name: k.string, keyMark: k.mark))
            }
        }
        self.entries = entries
        self.plainKeys = source.plainTags
        // Readers ask for about as many keys as the mapping has; grown from empty, the list
        // was reallocated three times per question (3 M instructions at 250x8).
        read.reserveCapacity(max(8, mapping.count))
    }

    func location(of node: Node) -> SourceLocation { source.location(of: node) ?? location }

    func error(_ at: SourceLocation, _ message: String) { diagnostics.error(at, message) }
    func warning(_ at: SourceLocation, _ message: String) { diagnostics.warning(at, message) }

    /// The node under `key`, or nil when absent or explicitly null.
    func node(_ key: String) -> Node? {
        read.append(key)
        let found = plainKeys ? index(ofText: key).map { entries[$0].value } : mapping[key]
        guard let value = found else { return nil }
        // Only a plain scalar of at most four bytes can be one of the spellings of null.
        if case .scalar(let s) = value, s.style == .plain, s.string.utf8.count <= 4 {
            switch s.string {
            case "", "~", "null", "Null", "NULL": return nil
            default: break
            }
        }
        return value
    }

    /// Where `key:` itself is written, for "missing" and "unknown" complaints.
    func keyLocation(_ key: String) -> SourceLocation {
        guard let i = index(ofName: key) else { return location }
        return keyLocation(at: i)
    }

    /// The first entry whose key text is `key`, compared where it lies: a search that took
    /// each entry whole copied its value `Node` (and counted references) at every step.
    private func index(ofText key: String) -> Int? {
        entries.withUnsafeBufferPointer { all in
            all.indices.first { all.baseAddress!.advanced(by: $0).pointer(to: \.text)!.pointee == key }
        }
    }

    private func index(ofName key: String) -> Int? {
        entries.withUnsafeBufferPointer { all in
            all.indices.first { all.baseAddress!.advanced(by: $0).pointer(to: \.name)!.pointee == key }
        }
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let n = node(key) else {
            if required { error(location, "missing required field '\(key)'") }
            return nil
        }
        guard case .scalar(let s) = n else {
            error(location(of: n), "'\(key)' must be a string, not \(Self.kind(n))")
            return nil
        }
        if required && s.string.allSatisfy(\.isWhitespace) {
            error(location(of: n), "'\(key)' must not be empty")
            return nil
        }
        return s.string
    }

    func int(_ key: String, required: Bool = false, positive: Bool = true) -> Int? {
        guard let n = node(key) else {
            if required { error(location, "missing required field '\(key)'") }
            return nil
        }
        guard case .scalar(let s) = n, let v = Int(s.string.trimmingCharacters(in: .whitespaces)) else {
            error(location(of: n), "'\(key)' must be a whole number, not \(Self.describe(n))")
            return nil
        }
        if positive && v < 1 {
            error(location(of: n), "'\(key)' must be a positive whole number, not \(v)")
            return nil
        }
        return v
    }

    func bool(_ key: String) -> Bool? {
        guard let n = node(key) else { return nil }
        guard case .scalar(let s) = n else {
            error(location(of: n), "'\(key)' must be true or false, not \(Self.kind(n))")
            return nil
        }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(location(of: n), "'\(key)' must be true or false, not \(Self.describe(n))")
            return nil
        }
    }

    func day(_ key: String) -> Day? {
        guard let n = node(key) else { return nil }
        guard case .scalar(let s) = n, let d = Day(s.string) else {
            error(location(of: n), "'\(key)' must be a date written YYYY-MM-DD, not \(Self.describe(n))")
            return nil
        }
        return d
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) -> E? where E.RawValue == String {
        guard let n = node(key) else { return nil }
        guard case .scalar(let s) = n, let v = E(rawValue: s.string) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            error(location(of: n), "'\(key)' must be one of \(allowed), not \(Self.describe(n))")
            return nil
        }
        return v
    }

    /// A Markdown field: the scalar's text and where it starts in the file.
    func markdown(_ key: String, required: Bool = false) -> MarkdownText? {
        guard let n = node(key) else {
            if required { error(location, "missing required field '\(key)'") }
            return nil
        }
        return markdown(n, field: key)
    }

    func markdown(_ n: Node, field: String) -> MarkdownText? {
        guard case .scalar(let s) = n else {
            error(location(of: n), "'\(field)' must be Markdown text, not \(Self.kind(n))")
            return nil
        }
        return source.markdown(s, fallback: location(of: n))
    }

    func sequence(_ key: String) -> [Node]? {
        guard let n = node(key) else { return nil }
        guard case .sequence(let seq) = n else {
            error(location(of: n), "'\(key)' must be a list, not \(Self.kind(n))")
            return nil
        }
        return Array(seq)
    }

    func strings(_ key: String) -> [String] {
        (sequence(key) ?? []).compactMap { n in
            guard case .scalar(let s) = n else {
                error(location(of: n), "each entry of '\(key)' must be a string, not \(Self.kind(n))")
                return nil
            }
            return s.string
        }
    }

    /// Each mapping entry of a list, as a reader of its own.
    func entries(_ key: String) -> [FieldReader] {
        (sequence(key) ?? []).compactMap { n in
            guard case .mapping(let m) = n else {
                error(location(of: n), "each entry of '\(key)' must be a mapping of fields, not \(Self.kind(n))")
                return nil
            }
            return FieldReader(mapping: m, at: location(of: n), source: source, diagnostics: diagnostics)
        }
    }

    /// `materials:`-style lists of `{title, url}`.
    func links(_ key: String) -> [Link] {
        entries(key).compactMap { e in
            defer { e.warnUnknown() }
            guard let title = e.string("title", required: true), let url = e.string("url", required: true) else { return nil }
            let at = e.keyLocation("url")
            guard URLPolicy.isSafe(url) else {
                e.error(at, "'url' uses a scheme that is not allowed (only http, https, mailto and relative links): \(url)")
                return nil
            }
            return Link(title: title, url: url, location: at)
        }
    }

    /// A field nobody reads is almost always a typo (`staus:`), so say so.
    func warnUnknown() {
        for i in entries.indices {
            let name = entries[i].name
            if !read.contains(name ?? "") { warning(keyLocation(at: i), "unknown field '\(name ?? "?")' is ignored") }
        }
    }

    private func keyLocation(at i: Int) -> SourceLocation {
        source.location(of: entries[i].keyMark) ?? location
    }

    static func kind(_ n: Node) -> String {
        switch n {
        case .scalar: return "a single value"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }

    static func describe(_ n: Node) -> String {
        if case .scalar(let s) = n { return "'\(s.string)'" }
        return kind(n)
    }
}

/// Collects diagnostics from readers that share one file.
final class DiagnosticSink {
    private(set) var diagnostics = Diagnostics()
    func error(_ at: SourceLocation, _ m: String) { diagnostics.error(at, m) }
    func warning(_ at: SourceLocation, _ m: String) { diagnostics.warning(at, m) }
}
