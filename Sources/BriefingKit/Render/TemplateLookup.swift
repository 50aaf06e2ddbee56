import Mustache

/// How `TemplateRenderer` finds a name: swift-mustache's rules (`MustacheTemplate.getChild`),
/// with the types pages hand over told apart without a cast.
extension TemplateRenderer {
    /// What `name` names in `context`, its transforms applied; nil where swift-mustache finds nothing.
    func lookup(_ name: TemplateProgram.Name, _ context: Context) throws -> ContextValue? {
        let child: ContextValue?
        switch name.start {
        case .current:
            child = context.stack.last!
        case .sequence:
            child = context.sequence.map { .other(ContextValue.Opaque($0)) }
        case .top:
            child = try Self.descend(name.path[...], from: context.stack.last!)
        case .stack:
            child = try Self.fromStack(name, context.stack)
        }
        guard var value = child else { return nil }
        // None of the types pages hand over is `MustacheCustomRepresentation`: only another asks.
        if case .other(let found) = value, let custom = found.value as? MustacheCustomRepresentation {
            guard let represented = custom.representation else { return nil }
            value = ContextValue(represented)
        }
        for transform in name.transforms.reversed() {
            if let t = Self.listTransform(transform, of: value) {
                value = t
                continue
            }
            let any = value.any
            if let position = any as? SequencePosition, let t = position.transform(transform) {
                value = ContextValue(t)
            } else if let runnable = any as? MustacheTransformable, let t = runnable.transform(transform) {
                value = ContextValue(t)
            } else {
                return nil
            }
        }
        return value
    }

    /// `empty` and `count` of the lists and strings pages hand over, as swift-mustache's
    /// `Array` and `String` transforms give them, without the protocol cast that finds those:
    /// the `question` partial asks `empty(...)` twice per question. Nil for anything else.
    private static func listTransform(_ name: String, of value: ContextValue) -> ContextValue? {
        let count: Int
        switch value {
        case .questions(let a): count = a.count
        case .fieldsList(let a): count = a.count
        case .dictionaries(let a): count = a.count
        case .stringDictionaries(let a): count = a.count
        case .strings(let a): count = a.count
        case .list(let a): count = a.count
        case .string(let s):
            return name == "empty" ? .bool(s.isEmpty) : nil
        default: return nil
        }
        switch name {
        case "empty": return .bool(count == 0)
        case "count": return .int(count)
        default: return nil
        }
    }

    /// The first object from the top of the stack that has the path's first name, then
    /// down the rest of the path. The stack is read in place: iterating it copied every
    /// object passed on the way, and lookups are the renderer's most frequent work.
    private static func fromStack(_ name: TemplateProgram.Name, _ stack: [ContextValue]) throws -> ContextValue? {
        let path = name.path
        guard let first = path.first else { return stack.last }
        return try stack.withUnsafeBufferPointer { objects -> ContextValue? in
            var i = objects.count
            while i > 0 {
                i -= 1
                if let found = try immediate(first, field: name.questionField, of: objects[i]) {
                    return path.count == 1 ? found : try descend(path.dropFirst(), from: found)
                }
            }
            return nil
        }
    }

    private static func descend(_ path: ArraySlice<String>, from object: ContextValue) throws -> ContextValue? {
        var object = object
        for name in path {
            if case .other(let any) = object, any.value is MustacheLambda { throw Unsupported() }
            guard let next = try immediate(name, of: object) else { return nil }
            object = next
        }
        return object
    }

    /// The `question` partial's context, when a lookup from the top of `stack` reaches it before
    /// anything that could hold a name: above it only strings, numbers and booleans, which
    /// have no children (inside `{{#answer}}`, the answer is on top).
    static func questionFields(atTopOf stack: [ContextValue]) -> QuestionFields? {
        stack.withUnsafeBufferPointer { objects in
            var i = objects.count
            while i > 0 {
                i -= 1
                switch objects[i] {
                case .questionFields(let f): return f
                case .string, .int, .bool: continue
                default: return nil
                }
            }
            return nil
        }
    }

    /// `_getImmediateChild`, with the common types first: they skip the casts swift-mustache makes.
    /// `field`: `name` as a `question` partial's field, when the caller knows it.
    private static func immediate(_ name: String, field: QuestionFields.Field?? = .none, of object: ContextValue) throws -> ContextValue? {
        switch object {
        case .fields(let f): return f.item(named: name)
        case .dictionary(let d): return d[name].map(ContextValue.init)
        case .stringDictionary(let d): return d[name].map { .string($0) }
        case .question(let q): return q.item(named: name)
        case .questionFields(let f):
            guard case .some(let known) = field else { return Field(rawValue: name).flatMap(f.item) }
            return known.flatMap(f.item)
        // Their own mirrors have no labelled children, so swift-mustache finds nothing in them either.
        case .string, .int, .bool: return nil
        default: return child(name, of: object.any)
        }
    }

    /// swift-mustache's own rules for any other object: apart, as its casts and `Mirror`
    /// made every look-up above instantiate their types' metadata first.
    @inline(never)
    private static func child(_ name: String, of object: Any) -> ContextValue? {
        var object: Any? = object
        if let custom = object as? MustacheCustomRepresentation { object = custom.representation }
        if let parent = object as? MustacheParent { return parent.child(named: name).map(ContextValue.init) }
        guard let object else { return nil }
        guard let match = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
        let inner = Mirror(reflecting: match.value)
        guard inner.displayStyle == .optional else { return ContextValue(match.value) }
        return inner.children.first.map { ContextValue($0.value) }
    }

    private typealias Field = QuestionFields.Field
}
