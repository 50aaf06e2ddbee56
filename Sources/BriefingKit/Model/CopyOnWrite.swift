/// A value kept behind one reference and copied only when changed while shared, as
/// `Array` keeps its elements. For the model values the build copies by the thousand
/// (a question into every page, export and check that lists it): a plain struct of
/// strings and optionals retains each of them on every copy, this retains one box.
///
/// Reads and writes go through `_read` and `_modify`, so reading one field borrows the
/// value in place instead of copying it out first.
struct CopyOnWrite<Value: Hashable & Sendable>: Hashable, Sendable {
    /// Changed only through `value`'s `_modify`, when no other copy holds it.
    private final class Box: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }

    static func == (a: Self, b: Self) -> Bool { a.box === b.box || a.box.value == b.box.value }

    func hash(into h: inout Hasher) { h.combine(box.value) }
}
