import Mustache

/// Where a template renders other templates, as swift-mustache parsed it: its
/// partials (`{{> name}}`), parents (`{{< name}}`) with the blocks they override,
/// its blocks (`{{$name}}`) and dynamic partials (`{{>*name}}`). Sections are
/// flattened in, as if every one were shown. `PartialCycles` walks this to find
/// templates that would render inside themselves.
///
/// Read from the parse, not the text, so that whitespace and changed delimiters
/// (`{{>\tfooter}}`, `{{=<% %>=}}<%> footer%>`) are read as swift-mustache reads
/// them. The parse keeps no positions, so each reference is looked up in the text
/// again (`TemplateTags`) for its line and column.
final class TemplateOutline {
    indirect enum Node {
        /// `{{> name}}`, or `{{< name}}` with the blocks it overrides (`overrides` non-nil).
        case include(String, overrides: [String: TemplateOutline]?, at: Reference)
        /// `{{$name}}`: the override in force, else `fallback`.
        case block(String, fallback: TemplateOutline, at: Reference)
        /// A partial named by the data: nothing here can tell which.
        case dynamic(at: Reference)
    }

    /// Where a reference is written: a template and a 1-based position in its text.
    struct Reference: Hashable {
        var template: String
        var kind: TemplateTags.Key.Kind
        /// For a dynamic partial, the variable that names it.
        var name: String
        var line: Int
        var column: Int
        var dynamic = false
    }

    let nodes: [Node]

    init(nodes: [Node]) { self.nodes = nodes }

    /// `template` as swift-mustache parsed it, with positions from `text`; nil when the
    /// parse cannot be read (a swift-mustache whose tokens look different).
    static func read(_ template: MustacheTemplate, named name: String, text: String) -> TemplateOutline? {
        read(template, named: name, tags: TemplateTags(text))
    }

    /// The same, with the text's tags already read.
    static func read(_ template: MustacheTemplate, named name: String, tags: TemplateTags) -> TemplateOutline? {
        var reader = Reader(template: name, tags: tags)
        return reader.outline(template)
    }

    /// `program` (swift-mustache's parse as `TemplateProgram` read it) with positions from
    /// `tags`: what `read` gives for the same template, without reading the parse through
    /// `Mirror` a second time. Every build does this for every template.
    static func read(_ program: TemplateProgram, named name: String, tags: TemplateTags) -> TemplateOutline {
        var reader = Reader(template: name, tags: tags)
        return reader.outline(program)
    }

    /// The references found by scanning `text` alone, for a template whose parse cannot
    /// be read: plain includes, without what blocks override.
    static func scanned(_ tags: TemplateTags, named name: String) -> TemplateOutline {
        TemplateOutline(nodes: tags.tags.compactMap { tag in
            let at = Reference(template: name, kind: tag.key.kind, name: tag.name, line: tag.line, column: tag.column, dynamic: tag.dynamic)
            if tag.dynamic { return .dynamic(at: at) }
            return tag.key.kind == .block ? nil : .include(tag.name, overrides: nil, at: at)
        })
    }

    /// Every reference here, in reading order (overrides included): partials, parents,
    /// blocks and dynamic partials.
    var references: [Reference] {
        var out: [Reference] = []
        func walk(_ o: TemplateOutline) {
            for node in o.nodes {
                switch node {
                case .include(_, let overrides, let at):
                    out.append(at)
                    for key in (overrides ?? [:]).keys.sorted() { walk(overrides![key]!) }
                case .block(_, let fallback, let at):
                    out.append(at)
                    walk(fallback)
                case .dynamic(let at): out.append(at)
                }
            }
        }
        walk(self)
        return out
    }

    /// The templates this one names: its partials and parents.
    var includes: [Reference] { references.filter { $0.kind != .block && !$0.dynamic } }

    /// Reads swift-mustache's tokens through `Mirror`, as `TemplateProgram` does, but
    /// leniently: in a token of a kind it does not know, it looks for templates.
    private struct Reader {
        let template: String
        let tags: TemplateTags
        /// How many references of each kind and name were placed so far.
        var seen: [TemplateTags.Key: Int] = [:]

        init(template: String, tags: TemplateTags) {
            self.template = template
            self.tags = tags
        }

        mutating func outline(_ t: MustacheTemplate) -> TemplateOutline? {
            guard let tokens = Mirror(reflecting: t).children.first(where: { $0.label == "tokens" })?.value else { return nil }
            var nodes: [Node] = []
            for token in Mirror(reflecting: tokens).children.map(\.value) {
                guard read(token, into: &nodes) else { return nil }
            }
            return TemplateOutline(nodes: nodes)
        }

        /// The same reading from `TemplateProgram`'s nodes, which name every token kind
        /// that holds a template, in the parse's order.
        mutating func outline(_ program: TemplateProgram) -> TemplateOutline {
            var nodes: [Node] = []
            for node in program.nodes {
                switch node {
                case .text, .variable, .contentType:
                    break
                case .section(_, let inner, _):
                    nodes += outline(inner).nodes
                case .block(let name, let inner, _):
                    let at = place(TemplateTags.Key(kind: .block, name: name))
                    nodes.append(.block(name, fallback: outline(inner), at: at))
                case .partial(let name, _, let inherits):
                    _ = include(name, dynamic: false, overrides: inherits, into: &nodes) { $0.outline($1) }
                case .dynamicPartial(let name, _, let inherits):
                    _ = include(name.text, dynamic: true, overrides: inherits, into: &nodes) { $0.outline($1) }
                }
            }
            return TemplateOutline(nodes: nodes)
        }

        /// A partial or a parent, from either reading: placed, then the blocks it overrides,
        /// each outlined by `outline`. False when one of them cannot be read.
        private mutating func include<T>(_ name: String, dynamic: Bool, overrides: [String: T]?, into nodes: inout [Node],
                                         outline: (inout Reader, T) -> TemplateOutline?) -> Bool {
            let at = place(TemplateTags.Key(kind: overrides == nil ? .partial : .parent, dynamic: dynamic, name: name))
            // The parse keeps overrides by name, so their order in the text is lost: by name, then.
            var blocks: [String: TemplateOutline] = [:]
            for key in (overrides ?? [:]).keys.sorted() {
                _ = place(TemplateTags.Key(kind: .block, name: key))
                guard let o = outline(&self, overrides![key]!) else { return false }
                blocks[key] = o
            }
            if dynamic {
                nodes.append(.dynamic(at: at))
                // What an unknown parent would show of these blocks: counted as shown here.
                for key in blocks.keys.sorted() { nodes += blocks[key]!.nodes }
            } else {
                nodes.append(.include(name, overrides: overrides == nil ? nil : blocks, at: at))
            }
            return true
        }

        private mutating func read(_ token: Any, into nodes: inout [Node]) -> Bool {
            let mirror = Mirror(reflecting: token)
            guard mirror.displayStyle == .enum else { return false }
            // Every case of swift-mustache's `Token` has values; one without holds no template.
            guard let the = mirror.children.first, let kind = the.label else { return true }
            let payload = Mirror(reflecting: the.value)
            let parts = payload.displayStyle == .tuple ? payload.children.map(\.value) : [the.value]
            switch kind {
            case "partial", "dynamicNamePartial":
                guard let name = parts.first as? String else { return false }
                let overrides = parts.count == 3 ? parts[2] as? [String: MustacheTemplate] : nil
                return include(name, dynamic: kind == "dynamicNamePartial", overrides: overrides, into: &nodes) { $0.outline($1) }
            case "blockExpansion":
                guard let name = parts.first as? String, parts.count > 1, let t = parts[1] as? MustacheTemplate else { return false }
                let at = place(TemplateTags.Key(kind: .block, name: name))
                guard let fallback = outline(t) else { return false }
                nodes.append(.block(name, fallback: fallback, at: at))
            default:
                // Sections, and whatever else holds a template: its references count as if shown.
                for part in parts {
                    if let t = part as? MustacheTemplate {
                        guard let inner = outline(t) else { return false }
                        nodes += inner.nodes
                    }
                }
            }
            return true
        }

        private mutating func place(_ key: TemplateTags.Key) -> Reference {
            let n = seen[key, default: 0]
            seen[key] = n + 1
            let (line, column) = tags.position(of: key, occurrence: n)
            return Reference(template: template, kind: key.kind, name: key.name, line: line, column: column, dynamic: key.dynamic)
        }
    }
}
