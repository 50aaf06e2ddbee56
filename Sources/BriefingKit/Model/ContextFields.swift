/// The named values a page builder hands a template: what a `[String: Any]` held, kept
/// in the order they were given.
///
/// Why not a dictionary: a page's context and the rows it lists hold a few to twenty
/// names each, and a build makes tens of thousands of them and looks names up hundreds of
/// thousands of times. A dictionary hashed every name on each insert and each look-up
/// (Swift's seeded SipHash, about 300 instructions a name; with the storage, 5 % of a
/// 250x8 build); a short list compares the names, which are mostly the same small
/// literals, so equal ones match on their first word. Templates see no difference:
/// swift-mustache reads one through `MustacheParent` as it reads a dictionary, with the
/// same transforms, and it is never a list in a section, as a dictionary is not.
public struct ContextFields: ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// Names and values, in order: the literal's own array, kept as it is. An entry is read
    /// in place, a field at a time (`name(at:)`, `value(at:)`): a `(String, Any)` copied
    /// whole goes through the runtime's generic tuple copy, which cost more than hashing.
    private var entries: [(String, Any)]

    public init(dictionaryLiteral elements: (String, Any)...) {
        entries = elements
    }

    public init(minimumCapacity: Int) {
        entries = []
        entries.reserveCapacity(minimumCapacity)
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    public var indices: Range<Int> { entries.indices }

    public func name(at i: Int) -> String {
        precondition(entries.indices.contains(i), "no field at \(i)")
        return entries.withUnsafeBufferPointer { $0.baseAddress!.advanced(by: i).pointer(to: \.0)!.pointee }
    }

    public func value(at i: Int) -> Any {
        precondition(entries.indices.contains(i), "no field at \(i)")
        return entries.withUnsafeBufferPointer { $0.baseAddress!.advanced(by: i).pointer(to: \.1)!.pointee }
    }

    /// `body` of the value named `name`, read where it lies: a look-up that only asks what
    /// the value is copies nothing out of the entry (`Optional<Any>` copies were a fifth of a look-up).
    public func withValue<R>(named name: String, _ body: (Any) -> R) -> R? {
        guard let i = index(of: name) else { return nil }
        return entries.withUnsafeBufferPointer { body($0.baseAddress!.advanced(by: i).pointer(to: \.1)!.pointee) }
    }

    /// The value named `name`, as a dictionary's subscript gives it; setting nil removes the name.
    public subscript(name: String) -> Any? {
        get { index(of: name).map(value(at:)) }
        set {
            let at = index(of: name)
            switch (at, newValue) {
            case (let i?, let v?): entries[i].1 = v
            case (let i?, nil): entries.remove(at: i)
            case (nil, let v?): entries.append((name, v))
            case (nil, nil): break
            }
        }
    }

    /// Where `name` is. Names of another length are passed over without comparing their text.
    private func index(of name: String) -> Int? {
        let length = name.utf8.count
        return entries.withUnsafeBufferPointer { all in
            guard var entry = all.baseAddress else { return nil }
            for i in all.indices {
                let n = entry.pointer(to: \.0)!
                if n.pointee.utf8.count == length && n.pointee == name { return i }
                entry += 1
            }
            return nil
        }
    }

    /// As `Dictionary` describes itself, in this order: what `{{fields}}` prints.
    public var description: String {
        guard !isEmpty else { return "[:]" }
        return "[" + indices.map { String(reflecting: name(at: $0)) + ": " + String(reflecting: value(at: $0)) }.joined(separator: ", ") + "]"
    }
}
