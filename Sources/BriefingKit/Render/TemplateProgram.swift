import Mustache

/// A template as swift-mustache parsed it, in a form `TemplateRenderer` runs
/// without going through `Any` casts, `Mirror` and `String` concatenation.
///
/// The tokens are read out of swift-mustache's own parse (through `Mirror`,
/// once per template and build), so delimiters, standalone lines and
/// inheritance come out exactly as swift-mustache reads them. A token this
/// reading does not know makes the template unusable here, and the page is
/// rendered by swift-mustache itself (only where `TemplateNesting.bounded` says it
/// cannot loop: swift-mustache has no nesting limit).
final class TemplateProgram: @unchecked Sendable {
    indirect enum Node {
        case text([UInt8])
        /// A variable: `{{a.b}}` escaped, `{{{a.b}}}` raw; transforms such as `empty(list)`.
        case variable(Name, escaped: Bool)
        case section(Name, TemplateProgram, inverted: Bool)
        case block(String, TemplateProgram, indentation: String?)
        case partial(String, indentation: String?, inherits: [String: TemplateProgram]?)
        /// `{{>*name}}`: the partial the variable names. Run here rather than left to
        /// swift-mustache, so that `TemplateRenderer`'s nesting limit holds for it too.
        case dynamicPartial(Name, indentation: String?, inherits: [String: TemplateProgram]?)
        case contentType(html: Bool)
    }

    /// A variable name split once, with the transforms applied to it.
    struct Name {
        enum Start { case current, sequence, top, stack }
        var start: Start
        var path: [String]
        var transforms: [String]
        /// As written: what a diagnostic about a dynamic partial names.
        var text: String
        /// The stand-in partial's one variable (`QuestionPartials.standIn`), told once here
        /// so the renderer can write the shared rendering without a lookup per question.
        let isPrerenderedQuestion: Bool
        /// The `question` partial's field the path's first name is, if any (`QuestionFields`).
        let questionField: QuestionFields.Field?

        init(_ name: String, transforms: [String]) {
            text = name
            isPrerenderedQuestion = name == QuestionPartials.key && transforms.isEmpty
            self.transforms = transforms
            if name == "." {
                start = .current; path = []
            } else if name.isEmpty, !transforms.isEmpty {
                start = .sequence; path = []
            } else if name.first == "." {
                start = .top; path = name.split(separator: ".").map(String.init)
            } else {
                start = .stack; path = name.split(separator: ".").map(String.init)
            }
            questionField = path.first.flatMap(QuestionFields.Field.init(rawValue:))
        }
    }

    struct Unreadable: Error {}

    let nodes: [Node]

    /// The nodes as `TemplateRenderer` runs them, made once: plain values pointing into this
    /// program, so running it takes no reference. Run as nodes, each was retained and released,
    /// and so was the text, name or program it held: 5 % of a build's reference counting, on
    /// objects both cores read.
    let steps: UnsafeBufferPointer<Step>

    /// A node as `steps` holds it. Texts, variables and sections, most of what a page runs,
    /// are whole here; any other kind is run from its node.
    struct Step {
        enum Kind: UInt8 { case text, variable, section, node }
        var kind: Kind
        /// An escaped variable, an inverted section.
        var flag = false
        var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var name: Unmanaged<NameBox>?
        var program: Unmanaged<TemplateProgram>?
        /// The node's place in `nodes`, for `.node`.
        var node = 0
    }

    final class NameBox {
        let name: Name
        init(_ name: Name) { self.name = name }
    }

    /// What `steps` point into, kept for as long as they are: the texts' bytes and the names.
    /// The programs they point to are kept by `nodes`.
    private let text: UnsafeMutableBufferPointer<UInt8>
    private let names: [NameBox]

    init(nodes: [Node]) {
        self.nodes = nodes
        var size = 0
        for case .text(let bytes) in nodes { size += bytes.count }
        let text = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: size)
        let steps = UnsafeMutableBufferPointer<Step>.allocate(capacity: nodes.count)
        var names: [NameBox] = []
        var end = 0
        for (i, node) in nodes.enumerated() {
            let step: Step
            switch node {
            case .text(let bytes):
                let place = UnsafeMutableBufferPointer(rebasing: text[end ..< end + bytes.count])
                _ = place.initialize(from: bytes)
                end += bytes.count
                step = Step(kind: .text, bytes: UnsafeBufferPointer(place))
            case .variable(let name, let escaped):
                names.append(NameBox(name))
                step = Step(kind: .variable, flag: escaped, name: .passUnretained(names[names.count - 1]))
            case .section(let name, let program, let inverted):
                names.append(NameBox(name))
                step = Step(kind: .section, flag: inverted, name: .passUnretained(names[names.count - 1]),
                            program: .passUnretained(program))
            case .block, .partial, .dynamicPartial, .contentType:
                step = Step(kind: .node, node: i)
            }
            steps.initializeElement(at: i, to: step)
        }
        self.text = text
        self.names = names
        self.steps = UnsafeBufferPointer(steps)
    }

    deinit {
        // Both hold plain values only: nothing to deinitialize.
        UnsafeMutableBufferPointer(mutating: steps).deallocate()
        text.deallocate()
    }

    /// Reads swift-mustache's tokens of `template`.
    convenience init(_ template: MustacheTemplate) throws {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value else { throw Unreadable() }
        try self.init(nodes: Mirror(reflecting: tokens).children.map { try Self.node($0.value) })
    }

    private static func node(_ token: Any) throws -> Node {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let the = mirror.children.first, let kind = the.label else { throw Unreadable() }
        let payload = Mirror(reflecting: the.value)
        let parts = payload.displayStyle == .tuple ? payload.children.map(\.value) : [the.value]
        func string(_ i: Int) throws -> String {
            guard i < parts.count, let s = parts[i] as? String else { throw Unreadable() }
            return s
        }
        func optionalString(_ i: Int) throws -> String? {
            guard i < parts.count else { throw Unreadable() }
            return parts[i] as? String
        }
        func strings(_ i: Int) throws -> [String] {
            guard i < parts.count, let s = parts[i] as? [String] else { throw Unreadable() }
            return s
        }
        func template(_ i: Int) throws -> TemplateProgram {
            guard i < parts.count, let t = parts[i] as? MustacheTemplate else { throw Unreadable() }
            return try TemplateProgram(t)
        }
        switch kind {
        case "text":
            return .text(Array(try string(0).utf8))
        case "variable", "unescapedVariable":
            return .variable(Name(try string(0), transforms: try strings(1)), escaped: kind == "variable")
        case "section", "invertedSection":
            return .section(Name(try string(0), transforms: try strings(1)), try template(2), inverted: kind == "invertedSection")
        case "blockExpansion":
            return .block(try string(0), try template(1), indentation: try optionalString(2))
        case "partial", "dynamicNamePartial":
            guard parts.count == 3 else { throw Unreadable() }
            var inherits: [String: TemplateProgram]?
            if let map = parts[2] as? [String: MustacheTemplate] {
                inherits = try map.mapValues { try TemplateProgram($0) }
            } else if Mirror(reflecting: parts[2]).children.count != 0 {
                throw Unreadable()
            }
            if kind == "dynamicNamePartial" {
                return .dynamicPartial(Name(try string(0), transforms: []), indentation: try optionalString(1), inherits: inherits)
            }
            return .partial(try string(0), indentation: try optionalString(1), inherits: inherits)
        case "contentType":
            switch String(describing: type(of: parts[0])) {
            case "HTMLContentType": return .contentType(html: true)
            case "TextContentType": return .contentType(html: false)
            default: throw Unreadable()
            }
        default:
            // Block definitions outside a parent, which the parser does not make, and tokens of a later swift-mustache.
            throw Unreadable()
        }
    }
}

/// Every template of a library that could be read, by name.
struct TemplatePrograms: @unchecked Sendable {
    /// nil for a template that exists but is left to swift-mustache.
    let programs: [String: TemplateProgram?]

    init(_ library: MustacheLibrary, names: some Sequence<String>) {
        var programs: [String: TemplateProgram?] = [:]
        for name in names {
            guard let template = library.getTemplate(named: name) else { continue }
            // Kept as nil, not left out: `programs[name] = nil` would drop the name, and the
            // renderer would take the template for a missing one and print nothing.
            programs.updateValue(try? TemplateProgram(template), forKey: name)
        }
        self.programs = programs
    }
}
