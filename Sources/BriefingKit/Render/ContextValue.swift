/// A value of a page context, as one of the types page builders hand over, or `other`.
///
/// The renderer and the fingerprint both ask what each value is, hundreds of thousands
/// of times per build. Comparing `type(of:)` and then casting with `as!` went through the
/// runtime's dynamic cast for every value (`tryCast`, 3–4 % of a `serve` rebuild); opening
/// the existential hands over the value with its type, and a type that matches is taken
/// as it is.
enum ContextValue {
    case string(String)
    case dictionary([String: Any])
    case question(QuestionContext)
    case int(Int)
    case bool(Bool)
    case stringDictionary([String: String])
    case questions([QuestionContext])
    case dictionaries([[String: Any]])
    case stringDictionaries([[String: String]])
    case strings([String])
    case list([Any])
    /// Anything else: left to swift-mustache's rules, or unfingerprinted.
    case other

    init(_ value: Any) {
        self = _openExistential(value, do: classify)
    }

}

/// `unsafeBitCast` only where `T` is the very type it casts to, so it reinterprets nothing.
/// (A free function: the compiler crashes on a static method handed to `_openExistential`.)
private func classify<T>(_ v: T) -> ContextValue {
    if T.self == String.self { return .string(unsafeBitCast(v, to: String.self)) }
    if T.self == [String: Any].self { return .dictionary(unsafeBitCast(v, to: [String: Any].self)) }
    if T.self == QuestionContext.self { return .question(unsafeBitCast(v, to: QuestionContext.self)) }
    if T.self == Int.self { return .int(unsafeBitCast(v, to: Int.self)) }
    if T.self == Bool.self { return .bool(unsafeBitCast(v, to: Bool.self)) }
    if T.self == [String: String].self { return .stringDictionary(unsafeBitCast(v, to: [String: String].self)) }
    if T.self == [QuestionContext].self { return .questions(unsafeBitCast(v, to: [QuestionContext].self)) }
    if T.self == [[String: Any]].self { return .dictionaries(unsafeBitCast(v, to: [[String: Any]].self)) }
    if T.self == [[String: String]].self { return .stringDictionaries(unsafeBitCast(v, to: [[String: String]].self)) }
    if T.self == [String].self { return .strings(unsafeBitCast(v, to: [String].self)) }
    if T.self == [Any].self { return .list(unsafeBitCast(v, to: [Any].self)) }
    return .other
}
