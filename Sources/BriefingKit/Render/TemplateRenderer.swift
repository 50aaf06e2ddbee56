import Mustache

/// Runs `TemplateProgram`s the way swift-mustache renders its templates (the
/// same lookups up the context stack, sections, inheritance, partials,
/// transforms and escaping) into one byte buffer.
///
/// What made swift-mustache slow here was generic: a `split` per lookup, five
/// dynamic casts per value, per-`Character` escaping through a dictionary and a
/// `String` built and copied at every nesting level. This keeps its rules and
/// drops those costs. Anything it does not handle (lambdas, templates as
/// values) throws `Unsupported`, and the page goes to swift-mustache whole.
struct TemplateRenderer {
    struct Unsupported: Error {}

    /// How deep templates may nest: each partial, parent and overriding block is a level.
    /// `PartialCycles` finds the loops it can before rendering; this stops those it cannot
    /// see (a partial named by the data) before the stack runs out. The built-in theme nests 4 deep.
    static let nestingLimit = 64

    /// A page that went `nestingLimit` deep: what was being rendered, the innermost first.
    struct TooDeep: Error {
        var trail: [String]
    }

    let programs: [String: TemplateProgram?]

    /// Where a template is rendered: swift-mustache's `MustacheContext`.
    struct Context {
        /// Each object told apart once, where it is pushed, rather than at each lookup that passes it.
        var stack: [ContextValue]
        var sequence: SequencePosition?
        var indentation: String?
        var inherited: [String: TemplateProgram]?
        var html = true
        /// Templates and overriding blocks being rendered, this one included.
        var depth = 1

        /// `object` on top of the stack while `body` runs, then the stack and sequence as they were:
        /// one stack for a whole page, instead of a copy of it (and a retain of everything on it) per section.
        mutating func pushing(_ object: ContextValue, _ body: (inout Context) throws -> Void) rethrows {
            let sequence = self.sequence
            stack.append(object)
            self.sequence = nil
            defer {
                stack.removeLast()
                self.sequence = sequence
            }
            try body(&self)
        }

        func indented(_ more: String?) -> String? {
            guard let more else { return indentation }
            return (indentation ?? "") + more
        }
    }

    /// `first()`, `last()`, `index()`, `even()` and `odd()` inside a list.
    struct SequencePosition {
        var first: Bool
        var last: Bool
        var index: Int

        func transform(_ name: String) -> Any? {
            switch name {
            case "first": first
            case "last": last
            case "index": index
            case "even": (index & 1) == 0
            case "odd": (index & 1) == 1
            default: nil
            }
        }
    }

    /// `capacity`: the expected size; a buffer that has to double copies what it holds,
    /// and a page of every question is megabytes.
    func render(_ name: String, _ object: Any, capacity: Int = 1 << 16) throws -> [UInt8] {
        guard let found = programs[name] else { return [] }
        guard let program = found else { throw Unsupported() }
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        do {
            var context = Context(stack: [ContextValue(object)])
            try render(program, &context, into: &out)
        } catch var e as TooDeep {
            e.trail.append(name)
            throw e
        }
        return out
    }

    /// Renders `program`, one level deeper than `context`, as `name` in a `TooDeep`.
    private func nested(_ name: String, _ program: TemplateProgram, _ context: inout Context, into out: inout [UInt8]) throws {
        guard context.depth < Self.nestingLimit else { throw TooDeep(trail: [name]) }
        context.depth += 1
        defer { context.depth -= 1 }
        do {
            try render(program, &context, into: &out)
        } catch var e as TooDeep {
            e.trail.append(name)
            throw e
        }
    }

    /// `context` as it came once `program` is rendered: a content-type tag changes it only
    /// for the rest of its own template, as in swift-mustache, which renders on a copy.
    private func render(_ program: TemplateProgram, _ context: inout Context, into out: inout [UInt8]) throws {
        let html = context.html
        defer { context.html = html }
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for step in program.steps { try run(step, of: program, &context, into: &out) }
            return
        }
        // swift-mustache indents a token's output when this template's own output so far ends a line.
        let start = out.count
        var piece: [UInt8] = []
        for step in program.steps {
            piece.removeAll(keepingCapacity: true)
            try run(step, of: program, &context, into: &piece)
            if !piece.isEmpty, Self.endsLine(out, from: start) { out.append(contentsOf: indentation.utf8) }
            out.append(contentsOf: piece)
        }
    }

    /// `string.last == "\n"`: a final "\r\n" is one Character, not "\n".
    private static func endsLine(_ out: [UInt8], from start: Int) -> Bool {
        let n = out.count - start
        guard n > 0, out[out.count - 1] == 10 else { return false }
        return n == 1 || out[out.count - 2] != 13
    }

    /// A node of `program`, from its step: the step's text, name and program are read through
    /// the program, which the caller holds, without taking a reference.
    @inline(__always)
    private func run(_ step: TemplateProgram.Step, of program: TemplateProgram, _ context: inout Context, into out: inout [UInt8]) throws {
        switch step.kind {
        case .text:
            out.append(contentsOf: step.bytes)
        case .variable:
            try step.name!._withUnsafeGuaranteedRef { try variable($0.name, escaped: step.flag, &context, into: &out) }
        case .section:
            try step.name!._withUnsafeGuaranteedRef { name in
                try step.program!._withUnsafeGuaranteedRef { inner in
                    try section(name.name, inner, inverted: step.flag, &context, into: &out)
                }
            }
        case .node:
            try render(program.nodes[step.node], &context, into: &out)
        }
    }

    private func render(_ node: TemplateProgram.Node, _ context: inout Context, into out: inout [UInt8]) throws {
        switch node {
        case .text(let bytes):
            out.append(contentsOf: bytes)
        case .variable(let name, let escaped):
            try variable(name, escaped: escaped, &context, into: &out)
        case .section(let name, let program, let inverted):
            try section(name, program, inverted: inverted, &context, into: &out)
        case .block(let name, let fallback, let indentation):
            var c = context
            c.sequence = nil
            c.indentation = context.indented(indentation)
            if let override = context.inherited?[name] {
                // An override can show itself (`{{$main}}` inside the `main` it defines): a level too.
                try nested("block '\(name)'", override, &c, into: &out)
            } else {
                try render(fallback, &c, into: &out)
            }
        case .partial(let name, let indentation, let inherits):
            try renderPartial(name, indentation, inherits, &context, into: &out)
        case .dynamicPartial(let variable, let indentation, let inherits):
            // swift-mustache's rule: the variable must hold a String naming a template.
            guard case .string(let name)? = try lookup(variable, context) else { return }
            try renderPartial(name, indentation, inherits, &context, into: &out)
        case .contentType(let html):
            context.html = html
        }
    }

    /// `{{name}}` escaped, `{{{name}}}` raw.
    private func variable(_ name: TemplateProgram.Name, escaped: Bool, _ context: inout Context, into out: inout [UInt8]) throws {
        // A question's shared rendering, where the stand-in partial prints it: written
        // straight into the page, as the lookup below would find it, without a string between.
        if name.isPrerenderedQuestion, !escaped, case .question(let q)? = context.stack.last, q.writeShared(into: &out) {
            return
        }
        // A question's own field, where the lookup would find it first: printed from its text.
        if let field = name.questionField, name.start == .stack, name.path.count == 1, name.transforms.isEmpty,
           let fields = Self.questionFields(atTopOf: context.stack), let text = fields.text(field) {
            if escaped && context.html { HTMLEscape.append(text, to: &out) } else { out.append(contentsOf: text.utf8) }
            return
        }
        guard let found = try lookup(name, context) else { return }
        let text: String
        if case .string(let s) = found {
            text = s
        } else if case .int(let n) = found {
            text = String(n)
        } else {
            let child = found.any
            if child is MustacheTemplate || child is MustacheLambda {
                throw Unsupported()
            } else if let s = child as? String {
                text = s
            } else if let renderable = child as? MustacheCustomRenderable {
                text = renderable.renderText
            } else {
                text = String(describing: Self.unwrapped(child))
            }
        }
        if escaped && context.html { HTMLEscape.append(text, to: &out) } else { out.append(contentsOf: text.utf8) }
    }

    private func section(_ name: TemplateProgram.Name, _ program: TemplateProgram, inverted: Bool,
                         _ context: inout Context, into out: inout [UInt8]) throws {
        // Whether it is a lambda is asked after the types pages hand over: a cast per section.
        let child = try lookup(name, context)
        if inverted {
            try renderInverted(child, program, &context, into: &out)
        } else {
            try renderSection(child, program, &context, into: &out)
        }
    }

    private func renderPartial(_ name: String, _ indentation: String?, _ inherits: [String: TemplateProgram]?,
                               _ context: inout Context, into out: inout [UInt8]) throws {
        guard let found = programs[name] else { return }
        guard let program = found else { throw Unsupported() }
        var c = context
        c.sequence = nil
        c.indentation = context.indented(indentation)
        if let inherits {
            c.inherited = context.inherited.map { $0.merging(inherits) { outer, _ in outer } } ?? inherits
        }
        c.html = true
        try nested(name, program, &c, into: &out)
    }

    private func renderSection(_ found: ContextValue?, _ program: TemplateProgram, _ context: inout Context, into out: inout [UInt8]) throws {
        // The types pages hand over, known without a protocol cast; the switch below is swift-mustache's order.
        if let found {
            if found.isSingleValue { return try context.pushing(found) { try render(program, &$0, into: &out) } }
            switch found {
            case .fieldsList(let a): return try renderList(a, program, &context, into: &out) { .fields($0) }
            case .dictionaries(let a): return try renderList(a, program, &context, into: &out) { .dictionary($0) }
            case .questions(let a): return try renderList(a, program, &context, into: &out) { .question($0) }
            case .stringDictionaries(let a): return try renderList(a, program, &context, into: &out) { .stringDictionary($0) }
            case .list(let a): return try renderList(a, program, &context, into: &out, ContextValue.init)
            case .strings(let a): return try renderList(a, program, &context, into: &out) { .string($0) }
            case .bool(let b):
                if b { try render(program, &context, into: &out) }
                return
            default:
                break
            }
        }
        let child = found?.any
        if child is MustacheLambda { throw Unsupported() }
        switch child {
        case let list as any MustacheSequence:
            try renderList(Self.elements(list), program, &context, into: &out, ContextValue.init)
        case let bool as Bool:
            if bool { try render(program, &context, into: &out) }
        case let null as MustacheCustomRenderable where null.isNull:
            return
        case .some:
            try context.pushing(found!) { try render(program, &$0, into: &out) }
        case .none:
            return
        }
    }

    private func renderInverted(_ found: ContextValue?, _ program: TemplateProgram, _ context: inout Context, into out: inout [UInt8]) throws {
        // The types pages hand over, as `renderSection` knows them: a failed protocol cast
        // looks through every conformance, and most inverted sections test a value that is there.
        if let found {
            if found.isSingleValue { return }
            switch found {
            case .bool(let b):
                if !b { try render(program, &context, into: &out) }
                return
            // A list with items hides the section; an empty one is left to the switch, which shows it.
            case .fieldsList(let a) where !a.isEmpty: return
            case .dictionaries(let a) where !a.isEmpty: return
            case .questions(let a) where !a.isEmpty: return
            case .strings(let a) where !a.isEmpty: return
            default:
                break
            }
        }
        let child = found?.any
        if child is MustacheLambda { throw Unsupported() }
        switch child {
        case let list as any MustacheSequence:
            if Self.isEmpty(list) { try context.pushing(found!) { try render(program, &$0, into: &out) } }
        case let bool as Bool:
            if !bool { try render(program, &context, into: &out) }
        case let null as MustacheCustomRenderable where null.isNull:
            try render(program, &context, into: &out)
        case .some:
            return
        case .none:
            try render(program, &context, into: &out)
        }
    }

    /// The page's one context for the whole list, its top replaced by each item in turn: a
    /// context per item copied the stack, an allocation and a retain of every object on it,
    /// ten thousand times on the pages that list every question.
    private func renderList<T>(_ items: [T], _ program: TemplateProgram, _ context: inout Context, into out: inout [UInt8],
                               _ value: (T) -> ContextValue) throws {
        guard let head = items.first else { return }
        try context.pushing(value(head)) { c in
            let top = c.stack.count - 1
            for (i, item) in items.enumerated() {
                if i > 0 { c.stack[top] = value(item) }
                c.sequence = SequencePosition(first: i == 0, last: i == items.count - 1, index: i)
                try render(program, &c, into: &out)
            }
        }
    }

    private static func elements<S: Sequence>(_ s: S) -> [Any] { s.map { $0 as Any } }
    private static func isEmpty<S: Sequence>(_ s: S) -> Bool { var i = s.makeIterator(); return i.next() == nil }

    /// swift-mustache prints what an `Optional` holds, or the `Optional` itself when it is empty.
    private static func unwrapped(_ value: Any) -> Any {
        guard let opt = value as? OptionalValue else { return value }
        return opt.wrapped ?? value
    }
}

private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrapped: Any? { self }
}
