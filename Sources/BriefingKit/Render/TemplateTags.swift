/// The partial and parent tags of a template's text, with their positions: what
/// swift-mustache's parse does not keep. Follows the delimiters as `{{=…=}}` changes
/// them, skips comments, and reads names the way swift-mustache's parser does (any
/// whitespace around them, `*` for a dynamic name), so `TemplateOutline` can give
/// each reference it read from the parse the place where it is written.
struct TemplateTags {
    /// What a reference is, as both the parse and the text tell it.
    struct Key: Hashable {
        enum Kind: Hashable {
            /// `{{> name}}`
            case partial
            /// `{{< name}}`
            case parent
            /// `{{$ name}}`: a block, shown or overridden.
            case block
        }

        var kind: Kind
        var dynamic = false
        var name: String
    }

    struct Tag {
        var key: Key
        /// 1-based; the column counts characters, as the other diagnostics do.
        var line: Int
        var column: Int
        var name: String { key.name }
        var dynamic: Bool { key.dynamic }
    }

    let tags: [Tag]
    /// The first tag that opens a section (`#`, `^`, `$`, `<`) more than `maxDepth` deep:
    /// swift-mustache's parser recurses per level and runs out of stack near a thousand.
    let tooDeep: (line: Int, column: Int)?
    static let maxDepth = 100
    /// Looked up once per reference: a template may hold many thousands.
    private let byKey: [Key: [Tag]]
    private let byName: [String: Tag]

    init(_ text: String) {
        var scanner = Scanner(Array(text.unicodeScalars))
        tags = scanner.run()
        tooDeep = scanner.tooDeep
        byKey = Dictionary(grouping: tags, by: \.key)
        byName = Dictionary(tags.map { ($0.name, $0) }) { first, _ in first }
    }

    /// Where the `occurrence`-th reference of `key` is written; else the first tag with
    /// its name; else the template's start.
    func position(of key: Key, occurrence: Int) -> (line: Int, column: Int) {
        if let same = byKey[key], occurrence < same.count { return (same[occurrence].line, same[occurrence].column) }
        if let any = byName[key.name] { return (any.line, any.column) }
        return (1, 1)
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0
        var line = 1
        var lineStart = 0
        var open: [Unicode.Scalar] = ["{", "{"]
        var close: [Unicode.Scalar] = ["}", "}"]
        var depth = 0
        var tooDeep: (line: Int, column: Int)?

        init(_ s: [Unicode.Scalar]) { self.s = s }

        private mutating func open(_ start: Int, _ startLine: Int, _ startOfLine: Int) {
            depth += 1
            if depth > TemplateTags.maxDepth && tooDeep == nil { tooDeep = (startLine, column(start, startOfLine)) }
        }

        /// swift-mustache's `partialNameChars`.
        static let nameChars = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/".unicodeScalars)
        /// Its `sectionNameChars`, which block names are read with (after any whitespace).
        static let blockChars = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*".unicodeScalars)

        mutating func run() -> [Tag] {
            var out: [Tag] = []
            while i < s.count {
                guard at(open) else { step(); continue }
                let start = i, startLine = line, startOfLine = lineStart
                i += open.count
                guard i < s.count else { break }
                let sigil = s[i]
                switch sigil {
                case "$":
                    open(start, startLine, startOfLine)
                    i += 1
                    skipWhitespace()
                    let name = read(while: Self.blockChars.contains)
                    out.append(Tag(key: Key(kind: .block, name: name), line: startLine, column: column(start, startOfLine)))
                    skipPast(close)
                case ">", "<":
                    if sigil == "<" { open(start, startLine, startOfLine) }
                    i += 1
                    skipWhitespace()
                    var dynamic = false
                    if sigil == ">", i < s.count, s[i] == "*" { dynamic = true; i += 1; skipWhitespace() }
                    var name = read(while: Self.nameChars.contains)
                    if sigil == "<", name.hasPrefix("*") { dynamic = true; name.removeFirst() }
                    out.append(Tag(key: Key(kind: sigil == "<" ? .parent : .partial, dynamic: dynamic, name: name),
                                   line: startLine, column: column(start, startOfLine)))
                    skipPast(close)
                case "=":
                    i += 1
                    setDelimiters()
                case "#", "^":
                    open(start, startLine, startOfLine)
                    skipPast(close)
                case "/":
                    depth -= 1
                    skipPast(close)
                default:
                    skipPast(close)
                }
            }
            return out
        }

        /// How far `column` counted, on the line it last counted: tags come in order, so a
        /// line of megabytes is counted once, not once per tag.
        private var counted = 0
        private var countedChars = 0

        private mutating func column(_ at: Int, _ lineStart: Int) -> Int {
            if counted < lineStart || counted > at { (counted, countedChars) = (lineStart, 0) }
            countedChars += at - counted
            counted = at
            return countedChars + 1
        }

        private func at(_ d: [Unicode.Scalar]) -> Bool {
            guard i + d.count <= s.count else { return false }
            for k in d.indices where s[i + k] != d[k] { return false }
            return true
        }

        /// One scalar on, counting lines.
        private mutating func step() {
            if s[i] == "\n" { line += 1; lineStart = i + 1 }
            i += 1
        }

        private mutating func skipWhitespace() {
            while i < s.count, s[i].properties.isWhitespace { step() }
        }

        private mutating func read(while accept: (Unicode.Scalar) -> Bool) -> String {
            var out = String.UnicodeScalarView()
            while i < s.count, accept(s[i]) { out.append(s[i]); i += 1 }
            return String(out)
        }

        private mutating func skipPast(_ d: [Unicode.Scalar]) {
            while i < s.count, !at(d) { step() }
            i = min(s.count, i + d.count)
        }

        /// `{{=<% %>=}}`, read as swift-mustache's `parserSetDelimiter` reads it; a
        /// malformed one leaves the delimiters as they were (the parse refused it anyway).
        private mutating func setDelimiters() {
            skipWhitespace()
            let newOpen = Array(read { !$0.properties.isWhitespace }.unicodeScalars)
            skipWhitespace()
            let newClose = Array(read { $0 != "=" && !$0.properties.isWhitespace }.unicodeScalars)
            skipWhitespace()
            guard i < s.count, s[i] == "=" else { return skipPast(close) }
            i += 1
            guard at(close), !newOpen.isEmpty, !newClose.isEmpty else { return skipPast(close) }
            i += close.count
            open = newOpen
            close = newClose
        }
    }
}
