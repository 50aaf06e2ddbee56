import Testing
@testable import BriefingKit

/// `PageLinks.find` searches from the pattern's rarest byte: it must find what a plain
/// search finds, wherever the pattern and that byte stand.
@Suite struct PageLinksFindTests {
    static func naive(_ pattern: [UInt8], in buffer: [UInt8], from: Int) -> Int? {
        guard !pattern.isEmpty, buffer.count >= pattern.count, from <= buffer.count - pattern.count else { return nil }
        for i in from...(buffer.count - pattern.count) where Array(buffer[i..<(i + pattern.count)]) == pattern { return i }
        return nil
    }

    static func find(_ pattern: [UInt8], in buffer: [UInt8], from: Int) -> Int? {
        pattern.withUnsafeBytes { p in buffer.withUnsafeBytes { PageLinks.find(p, in: $0, from: from) } }
    }

    @Test func findsWhatAPlainSearchFinds() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("href=\":/ab{}".utf8)
        let patterns = [Array("href=\"briefing-root:/".utf8), Array("a:b".utf8), Array(":".utf8), Array("{{>".utf8),
                        Array("ab".utf8), Array("}}".utf8), Array("zz".utf8)]
        for _ in 0..<3000 {
            let pattern = patterns.randomElement(using: &rng)!
            var buffer = (0..<Int.random(in: 0...60, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            // Plant the pattern (or part of it) now and then, at the edges too.
            if Bool.random(using: &rng), buffer.count >= pattern.count {
                let at = [0, buffer.count - pattern.count, Int.random(in: 0...(buffer.count - pattern.count), using: &rng)].randomElement(using: &rng)!
                let cut = Bool.random(using: &rng) ? pattern.count : Int.random(in: 0...pattern.count, using: &rng)
                buffer.replaceSubrange(at..<(at + cut), with: pattern[..<cut])
            }
            let from = Int.random(in: 0...max(0, buffer.count), using: &rng)
            #expect(Self.find(pattern, in: buffer, from: from) == Self.naive(pattern, in: buffer, from: from),
                    "\(String(decoding: pattern, as: UTF8.self)) in \(String(decoding: buffer, as: UTF8.self)) from \(from)")
        }
    }
}
