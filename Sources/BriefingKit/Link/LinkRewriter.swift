import Ccmark
import Foundation

/// A reference found in Markdown, resolved.
public struct ReferenceUse: Hashable, Sendable {
    public var target: TargetKey
    public var location: SourceLocation
}

/// Link stage, on the syntax tree: turns `[[...]]` and "Rec N" mentions inside
/// text nodes into link nodes. Code spans, code blocks, raw HTML and existing
/// links are different node types or live under a link node, so they are
/// never touched — no regex ever runs on rendered HTML.
struct LinkRewriter {
    /// Internal links carry this scheme until a page is written; the page then
    /// swaps it for its own relative path to the site root (see `PageLinks`).
    static let rootScheme = "briefing-root:/"

    let targets: LinkTargets
    /// The recommendation whose page shows this snippet: a mention of it is not a link to itself.
    let home: Int?

    func rewrite(_ doc: MarkdownDocument) -> (uses: [ReferenceUse], diagnostics: [Diagnostic]) {
        var uses: [ReferenceUse] = []
        var diagnostics: [Diagnostic] = []
        for container in inlineContainers(doc) {
            for run in textRuns(in: container) {
                rewrite(run, in: doc, uses: &uses, diagnostics: &diagnostics)
            }
        }
        return (uses, diagnostics)
    }

    /// Nodes whose children are inlines, outside links and images.
    private func inlineContainers(_ doc: MarkdownDocument) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        var insideLink = 0
        doc.walk { node, type, entering in
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                insideLink += entering ? 1 : -1
                return
            }
            guard entering, insideLink == 0 else { return }
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG {
                out.append(node)
            }
        }
        return out
    }

    /// Consecutive text children: cmark splits `[[11]]` into several text nodes at each bracket.
    private func textRuns(in container: OpaquePointer) -> [[OpaquePointer]] {
        var runs: [[OpaquePointer]] = []
        var current: [OpaquePointer] = []
        var child = cmark_node_first_child(container)
        while let c = child {
            if cmark_node_get_type(c) == CMARK_NODE_TEXT {
                current.append(c)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
            child = cmark_node_next(c)
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    private func rewrite(_ run: [OpaquePointer], in doc: MarkdownDocument, uses: inout [ReferenceUse], diagnostics: inout [Diagnostic]) {
        // The run's bytes straight from cmark's literals: building a `String` per node and
        // searching it through the collection protocols cost more than the scan itself.
        var bytes: [UInt8] = []
        var starts: [(offset: Int, node: OpaquePointer)] = []
        starts.reserveCapacity(run.count)
        var escaped = Set<Int>()
        for node in run {
            let offset = bytes.count
            starts.append((offset, node))
            guard let lit = cmark_node_get_literal(node) else { continue }
            let literal = UnsafeBufferPointer(start: UnsafeRawPointer(lit).assumingMemoryBound(to: UInt8.self), count: strlen(lit))
            bytes.append(contentsOf: literal)
            if memchr(lit, 91, literal.count) != nil {  // "["
                escaped.formUnion(EscapedBrackets.offsets(in: literal, node: node, source: doc).map { $0 + offset })
            }
        }
        // `\[\[11]]` is CommonMark for literal brackets: the author asked for no link.
        let matches = ReferenceScanner.scan(bytes).filter { m in
            if case .wiki = m.kind { return !escaped.contains(m.range.lowerBound) && !escaped.contains(m.range.lowerBound + 1) }
            return true
        }
        guard !matches.isEmpty else { return }

        var columns = SourceColumn()
        /// `exact`: for a diagnostic, the column in characters where the reference is written;
        /// else (a use, for backlinks) cmark's own position, which costs nothing more.
        func location(_ range: Range<Int>, exact: Bool = false) -> SourceLocation {
            // Binary search: a paragraph of 100,000 references has hundreds of thousands
            // of text nodes, and a scan per match made the build quadratic.
            let offset = range.lowerBound
            var lo = 0, hi = starts.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if starts[mid].offset <= offset { lo = mid } else { hi = mid - 1 }
            }
            let owner = starts[lo]
            let line = Int(cmark_node_get_start_line(owner.node))
            let column = Int(cmark_node_get_start_column(owner.node))
            guard line > 0 else { return doc.location(of: cmark_node_parent(owner.node) ?? owner.node) }
            let approximate = column + offset - owner.offset
            guard exact else { return doc.source.location(line: line, column: approximate) }
            return doc.source.location(line: line, column: columns.of(bytes[range], line: line, in: doc, from: approximate))
        }

        var pieces: [OpaquePointer] = []
        var cursor = 0
        var changed = false
        for m in matches {
            let link: (LinkTarget, String)?
            switch m.kind {
            case .wiki(let target, let label):
                switch targets.resolve(target) {
                case .found(let t):
                    link = (t, label ?? t.label)
                    uses.append(ReferenceUse(target: t.key, location: location(m.range)))
                case .missing(let why):
                    diagnostics.append(.error(location(m.range, exact: true), "broken reference [[\(target)]]: \(why)"))
                    link = nil
                case .ambiguous(let many):
                    let kinds = many.map { "\($0.key)" }.joined(separator: ", ")
                    diagnostics.append(.error(location(m.range, exact: true), "ambiguous reference [[\(target)]]: the slug names \(kinds); rename one of them"))
                    link = nil
                }
            case .mention(let n):
                if n != home, let t = targets.recommendation(n) {
                    link = (t, String(decoding: bytes[m.range], as: UTF8.self))
                    uses.append(ReferenceUse(target: t.key, location: location(m.range)))
                } else {
                    link = nil
                }
            }
            guard let (target, label) = link else { continue }
            if m.range.lowerBound > cursor {
                pieces.append(Self.textNode(String(decoding: bytes[cursor..<m.range.lowerBound], as: UTF8.self)))
            }
            pieces.append(Self.linkNode(url: Self.rootScheme + target.path, title: target.title, label: label))
            cursor = m.range.upperBound
            changed = true
        }
        guard changed else { return }
        if cursor < bytes.count {
            pieces.append(Self.textNode(String(decoding: bytes[cursor...], as: UTF8.self)))
        }
        let first = run[0]
        for p in pieces { cmark_node_insert_before(first, p) }
        for node in run {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    private static func textNode(_ s: String) -> OpaquePointer {
        let n = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(n, s)
        return n
    }

    private static func linkNode(url: String, title: String, label: String) -> OpaquePointer {
        let n = cmark_node_new(CMARK_NODE_LINK)!
        cmark_node_set_url(n, url)
        cmark_node_set_title(n, title)
        cmark_node_append_child(n, textNode(label))
        return n
    }
}

extension TargetKey: CustomStringConvertible {
    public var description: String {
        switch self {
        case .recommendation(let n): "recommendation \(n)"
        case .question(let id): "question \(id)"
        case .briefing(let s): "briefing '\(s)'"
        case .meeting(let s): "meeting '\(s)'"
        case .page(let s): "page '\(s)'"
        }
    }
}

/// Finds which `[` of a text node were backslash-escaped in the source.
///
/// cmark drops the backslash from the node's literal, so the literal is walked
/// against the source span the node came from.
enum EscapedBrackets {
    static func offsets(in l: UnsafeBufferPointer<UInt8>, node: OpaquePointer, source doc: MarkdownDocument) -> [Int] {
        let line = Int(cmark_node_get_start_line(node))
        let start = Int(cmark_node_get_start_column(node))
        let end = Int(cmark_node_get_end_column(node))
        guard line > 0, start > 0, end >= start, cmark_node_get_end_line(node) == Int32(line),
              let src = doc.sourceLine(line) else { return [] }
        // A slice of the line, not a copy (a paragraph can be one line of megabytes):
        // `o` turns 0-based positions in the line into the slice's indices.
        let s = src, o = src.startIndex
        guard end <= s.count, s[(o + start - 1)..<(o + end)].contains(92) else { return [] }  // no backslash: nothing escaped
        var i = start - 1, j = 0
        var out: [Int] = []
        while i < end && j < l.count {
            if s[o + i] == l[j] {
                i += 1; j += 1
            } else if s[o + i] == 92, i + 1 < end, s[o + i + 1] == l[j] {
                if l[j] == 91 { out.append(j) }
                i += 2; j += 1
            } else {
                return out  // an entity or something else: stop rather than guess
            }
        }
        return out
    }
}

/// Where a reference stands in its source line, in characters as YAML positions are.
///
/// cmark's literals are decoded (`\*` and `&amp;` are one character there) and its
/// columns count bytes, so the column from a text node's start plus an offset in its
/// literal falls short after an escape or an entity, or a multi-byte character. The
/// reference itself is written as it reads (`[[11]]`, "Rec 11"): found in the line at or
/// after that column, its own column is exact.
struct SourceColumn {
    /// The last answer's line, byte offset and characters before it: a line of thousands
    /// of broken references is counted once, not once per reference.
    private var last: (line: Int, byte: Int, chars: Int)?

    mutating func of(_ needle: ArraySlice<UInt8>, line number: Int, in doc: MarkdownDocument, from byteColumn: Int) -> Int {
        guard let line = doc.sourceLine(number) else { return byteColumn }
        var at = max(0, byteColumn - 1)
        let o = line.startIndex
        var found: Int? = nil
        // A bounded look ahead: a line of megabytes of references written as entities must not
        // make every reference search to its end.
        let limit = min(line.count, at + needle.count + 4096)
        if !needle.isEmpty {
            while at + needle.count <= limit {
                if line[(o + at)..<(o + at + needle.count)].elementsEqual(needle) { found = at; break }
                at += 1
            }
        }
        let byteOffset = found ?? max(0, min(byteColumn - 1, line.count))
        // Characters before it, counted on from the last answer on the same line.
        var from = 0, chars = 0
        if let last, last.line == number, last.byte <= byteOffset { (from, chars) = (last.byte, last.chars) }
        chars += SourceText.characters(in: line[(o + from)..<(o + byteOffset)])
        last = (number, byteOffset, chars)
        return chars + 1
    }
}

