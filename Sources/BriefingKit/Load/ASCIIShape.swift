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

    private static func isLetter(_ c: UInt8) -> Bool { (65...90).contains(c) || (97...122).contains(c) }
    private static func isLetterOrDigit(_ c: UInt8) -> Bool { isLetter(c) || (48...57).contains(c) }
}
