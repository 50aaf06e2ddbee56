/// Whether an ASCII byte in UTF-8 text is a Character of its own, as Swift sees it (and so
/// `split` on Characters, and swift-mustache's escaping, which replaces whole Characters):
/// the one question the byte-level text paths ask about a byte beside non-ASCII text.
enum ASCIICharacter {
    /// Whether the ASCII byte at `i` is a Character by itself; nil for invalid UTF-8 beside
    /// it. A line feed joins only a carriage return before it, and a carriage return only a
    /// line feed after it; other controls join nothing. Any other byte joins the scalar after
    /// it when that is an extending or spacing mark or a joiner, and the one before it when
    /// that is a prepended mark; ASCII never does, and two scalars are asked as Swift's own
    /// Characters, so the rule is Swift's. (No grapheme rule that reaches past a pair
    /// involves an ASCII character.)
    static func standsAlone(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool? {
        let c = b[i]
        if c == 10 { return !(i > 0 && b[i - 1] == 13) }
        if c == 13 { return !(i + 1 < b.count && b[i + 1] == 10) }
        if c < 0x20 || c == 0x7F { return true }
        if i + 1 < b.count, b[i + 1] >= 0x80 {
            var bytes = b[(i + 1)..<min(i + 5, b.count)].makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            guard case .valid(let encoded) = parser.parseScalar(from: &bytes) else { return nil }
            let next = Unicode.UTF8.decode(encoded)
            // Below U+0300 no scalar extends a Character.
            if next.value >= 0x300 && isOne(Unicode.Scalar(c), next) { return false }
        }
        if i > 0, b[i - 1] >= 0x80 {
            var bytes = b[max(0, i - 4)..<i].reversed().makeIterator()
            var parser = Unicode.UTF8.ReverseParser()
            guard case .valid(let encoded) = parser.parseScalar(from: &bytes) else { return nil }
            let before = Unicode.UTF8.decode(encoded)
            // Below U+0600 no scalar is prepended to the next.
            if before.value >= 0x600 && isOne(before, Unicode.Scalar(c)) { return false }
        }
        return true
    }

    /// Whether two scalars make one Character.
    private static func isOne(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        var s = String.UnicodeScalarView()
        s.append(a)
        s.append(b)
        return String(s).count == 1
    }
}
