/// Shapes of short ASCII values the front matter must have, checked byte by byte.
///
/// They were regular expressions, and Foundation compiles one on each use: the language
/// tag's alone was 10.8 M instructions, a quarter of a build of the repository's own site.
enum ASCIIShape {
    /// `^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`: a language tag such as `en` or `pt-BR`.
    static func isLanguageTag(_ s: String) -> Bool {
        let parts = s.utf8.split(separator: 45, omittingEmptySubsequences: false)
        guard let first = parts.first, (2...8).contains(first.count), first.allSatisfy(isLetter) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(isLetterOrDigit) }
    }

    /// `^[A-Za-z0-9][A-Za-z0-9._-]*$`: an action item's id, which becomes an anchor.
    static func isActionItemID(_ s: String) -> Bool {
        guard let first = s.utf8.first, isLetterOrDigit(first) else { return false }
        return s.utf8.allSatisfy { isLetterOrDigit($0) || $0 == 46 || $0 == 95 || $0 == 45 }
    }

    /// The two numbers of a question id, `<recommendation>.<n>` ("11.3"): two runs of ASCII digits
    /// around one dot, neither starting with 0 and each fitting an `Int`; nil for anything else.
    /// It was split into substrings and each checked three ways, a ninth of decoding a question.
    static func questionNumbers(_ id: String) -> (recommendation: Int, number: Int)? {
        return id.readingUTF8 { b -> (recommendation: Int, number: Int)? in
            var first: Int?
            var n = 0, digits = 0
            for c in b {
                if c == 46 {
                    guard first == nil, digits > 0 else { return nil }
                    (first, n, digits) = (n, 0, 0)
                    continue
                }
                // A digit, and no leading 0 (which also leaves out 0 itself).
                guard (48...57).contains(c), digits > 0 || c != 48 else { return nil }
                let (times, over) = n.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times.addingReportingOverflow(Int(c - 48))
                guard !over, !carry else { return nil }
                (n, digits) = (sum, digits + 1)
            }
            guard let first, digits > 0 else { return nil }
            return (first, n)
        }
    }

    private static func isLetter(_ c: UInt8) -> Bool { (65...90).contains(c) || (97...122).contains(c) }
    private static func isLetterOrDigit(_ c: UInt8) -> Bool { isLetter(c) || (48...57).contains(c) }
}
