import Foundation
import Testing
import Yams
@testable import BriefingKit

/// `YAMLPreflight.cannotRefuse` lets a file skip libyaml's token scan; it must never say so
/// of a document Yams would compose with an alias or nested deeper than the limit.
@Suite struct YAMLPreflightTests {
    /// Every place an alias can start, and the depths on either side of the limit.
    @Test func whatTheScanRefusesIsNeverWaivedThrough() {
        var refused = [
            "a: &x 1\nb: *x\n", "- &x 1\n- *x\n", "*x : 1\n", "? *x\n: 1\n", "a: [*x]\n", "a: [1, *x]\n",
            "a: {b: *x}\n", "a: {*x: 1}\n", "a: &x 1\r*x : 2\n", "a: &x 1\rb: *x\n", "--- *x\n",
            "a: &x [1]\nb: [&y 2, *x, {c: *y}]\n",
            "a: &x 1\nb:\n  *x\n",
            String(repeating: "[", count: 101) + String(repeating: "]", count: 101) + "\n",
            String(repeating: "{a: ", count: 101) + "1" + String(repeating: "}", count: 101) + "\n",
            String(repeating: "- ", count: 101) + "a\n",
            (0..<101).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined() + String(repeating: " ", count: 101) + "v: 1\n",
        ]
        refused.append("k:\u{85}" + String(repeating: "- ", count: 101) + "a\n")
        for yaml in refused {
            #expect(YAMLPreflight.scan(yaml) != nil, "the scan should refuse \(yaml.debugDescription.prefix(80))")
            #expect(!YAMLPreflight.cannotRefuse(yaml), "waived through: \(yaml.debugDescription.prefix(80))")
        }
        // Where libyaml stops first (a tab, a NEL), the bytes still send the file to the scan.
        for yaml in ["a:\n  - &x 1\n  -\t*x\n", "a: &x 1\nb: \u{85}*x\n", "a: &x 1\nb: \u{2028}*x\n"] {
            #expect(!YAMLPreflight.cannotRefuse(yaml), "waived through: \(yaml.debugDescription)")
        }
    }

    /// What front matter looks like: emphasis, lists and links in text, nesting a few levels deep.
    @Test func ordinaryFrontMatterSkipsTheScan() {
        let yaml = """
        number: 11
        title: "Rec *11*: the **KSK** rollover"
        questions:
          - id: "11.1"
            status: open
            text: |
              What is the *status* of [[10.2]]? See **this** and 2*3.
              - a list item with *emphasis*
          - id: "11.2"
            text: The (*short*) form; x=*y*.
        """
        #expect(YAMLPreflight.cannotRefuse(yaml))
        #expect(YAMLPreflight.scan(yaml) == nil)
    }

    /// Random documents from YAML's own characters: whenever the bytes say the scan is not
    /// needed, the scan agrees, or Yams refuses the document. `PREFLIGHT_RUNS=1000000` runs longer.
    @Test func randomDocumentsNeverDisagree() {
        let pieces = ["*x", "&x ", "- ", "? ", ": ", ":", "[", "]", "{", "}", ", ", ",", "\n", "\r", "\r\n", "  ", "\t",
                      "a", "b1", "\"q\"", "'q'", "|\n", ">\n", "# c", "!t ", "--- ", "...", "*", "\u{85}", "é", "**"]
        var rng = SplitMix(seed: 0x5EED)
        var waived = 0
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["PREFLIGHT_RUNS"] ?? "") ?? 20_000) {
            var yaml = ""
            for _ in 0..<Int.random(in: 1...24, using: &rng) { yaml += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            if YAMLPreflight.cannotRefuse(yaml) {
                waived += 1
                // The scan may refuse an alias that cannot compose (`"q" *x`): Yams refuses it too.
                if YAMLPreflight.scan(yaml) != nil {
                    #expect((try? Yams.compose(yaml: yaml)) == nil, "waived through: \(yaml.debugDescription)")
                }
            }
        }
        #expect(waived > 1_000, "the generator should reach the fast path often")
    }
}

/// A seeded generator, so a failure names a document that fails again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
