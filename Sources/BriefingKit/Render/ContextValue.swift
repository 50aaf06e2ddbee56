/// A value of a page context, as one of the types page builders hand over, or `other`.
///
/// The renderer and the fingerprint both ask what each value is, hundreds of thousands
/// of times per build. Comparing `type(of:)` and then casting with `as!` went through the
/// runtime's dynamic cast for every value (`tryCast`, 3–4 % of a `serve` rebuild); opening
/// the existential hands over the value with its type, and a type that matches is taken
/// as it is.
enum ContextValue {
    case string(String)
    case fields(ContextFields)
    case dictionary([String: Any])
    case question(QuestionContext)
    /// A `question` partial's own context.
    case questionFields(QuestionFields)
    case int(Int)
    case bool(Bool)
    case stringDictionary([String: String])
    case questions([QuestionContext])
    case fieldsList([ContextFields])
    case dictionaries([[String: Any]])
    case stringDictionaries([[String: String]])
    case strings([String])
    case list([Any])
    /// Anything else: left to swift-mustache's rules, or unfingerprinted.
    case other(Opaque)

    /// A value of another type, boxed: an `Any` held in a case would make every copy of every
    /// value go through the runtime's value witnesses, as `Any` has no fixed layout.
    final class Opaque {
        let value: Any
        init(_ value: Any) { self.value = value }
    }

    init(_ value: Any) {
        self = _openExistential(value, do: classify)
    }

    /// The value as it was handed over, of the same type: what swift-mustache's rules
    /// (casts to its protocols, `Mirror`) are applied to.
    var any: Any {
        switch self {
        case .string(let v): v
        case .fields(let v): v
        case .dictionary(let v): v
        case .question(let v): v
        case .questionFields(let v): v
        case .int(let v): v
        case .bool(let v): v
        case .stringDictionary(let v): v
        case .questions(let v): v
        case .fieldsList(let v): v
        case .dictionaries(let v): v
        case .stringDictionaries(let v): v
        case .strings(let v): v
        case .list(let v): v
        case .other(let v): v.value
        }
    }

    /// A value the renderer shows once in a section and hides in an inverted one: neither
    /// a sequence nor ever null (swift-mustache makes none of these `MustacheCustomRenderable`).
    var isSingleValue: Bool {
        switch self {
        case .fields, .dictionary, .stringDictionary, .string, .int, .question, .questionFields: true
        default: false
        }
    }

}

extension ContextFields {
    /// The value named `name`, told apart once: what the renderer keeps on its stack.
    func item(named name: String) -> ContextValue? {
        withValue(named: name, ContextValue.init)
    }
}

/// The value as `U`, which `T` is: its bits taken as they are, so it converts nothing.
/// (Through `withUnsafePointer` and `withMemoryRebound`, which `classify` runs unspecialized,
/// it cost about 140 instructions a value: a tenth of the question partial.)
@inline(__always) private func taken<T, U>(_ v: T, as: U.Type) -> U {
    unsafeBitCast(v, to: U.self)
}

/// Each type is taken only where `T` is that very type, so nothing is reinterpreted.
/// (A free function: the compiler crashes on a static method handed to `_openExistential`.)
private func classify<T>(_ v: T) -> ContextValue {
    if T.self == String.self { return .string(taken(v, as: String.self)) }
    if T.self == ContextFields.self { return .fields(taken(v, as: ContextFields.self)) }
    if T.self == [String: Any].self { return .dictionary(taken(v, as: [String: Any].self)) }
    if T.self == QuestionContext.self { return .question(taken(v, as: QuestionContext.self)) }
    if T.self == QuestionFields.self { return .questionFields(taken(v, as: QuestionFields.self)) }
    if T.self == Int.self { return .int(taken(v, as: Int.self)) }
    if T.self == Bool.self { return .bool(taken(v, as: Bool.self)) }
    if T.self == [String: String].self { return .stringDictionary(taken(v, as: [String: String].self)) }
    if T.self == [QuestionContext].self { return .questions(taken(v, as: [QuestionContext].self)) }
    if T.self == [ContextFields].self { return .fieldsList(taken(v, as: [ContextFields].self)) }
    if T.self == [[String: Any]].self { return .dictionaries(taken(v, as: [[String: Any]].self)) }
    if T.self == [[String: String]].self { return .stringDictionaries(taken(v, as: [[String: String]].self)) }
    if T.self == [String].self { return .strings(taken(v, as: [String].self)) }
    if T.self == [Any].self { return .list(taken(v, as: [Any].self)) }
    return .other(ContextValue.Opaque(v))
}
