import CYaml
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

    /// Markdown's emphasis and bullets at the start of a text's lines, which once sent a file
    /// to the scan: where such a `*` starts a token, no alias name follows it, so libyaml's
    /// scanner stops there with an error, and Yams refuses the document as it did.
    @Test func starsThatNameNoAliasSkipTheScan() {
        let text = "text: |\n  *WHOIS* data, **bold words**, *x*\n  * a bullet\n  *more*.\n"
        #expect(YAMLPreflight.cannotRefuse(text))
        #expect(YAMLPreflight.scan(text) == nil)
        for yaml in ["a: *b*\n", "a: **b**\n", "- * item\n", "a:\n  *x* y\n", "a: [*x*]\n"] {
            #expect(YAMLPreflight.cannotRefuse(yaml), "\(yaml.debugDescription)")
            #expect(YAMLPreflight.scan(yaml) == nil, "\(yaml.debugDescription)")
            #expect((try? Yams.compose(yaml: yaml)) == nil, "\(yaml.debugDescription) should not compose")
        }
        // A name then a blank, a break, the end or an indicator is an alias, and goes to the scan.
        for yaml in ["a: &x 1\nb: *x\n", "a: &x 1\nb: *x", "a: &x 1\nb: [*x,1]\n", "a: &x 1\nb: {*x: 1}\n",
                     "a: &x 1\nb: *x\u{85}\n", "a: &x 1\n*x: 2\n"] {
            #expect(!YAMLPreflight.cannotRefuse(yaml), "waived through: \(yaml.debugDescription)")
        }
    }

    /// `writesNoTag` lets Yams' basic resolver read a file: a `!` in text keeps it, a tag does not.
    @Test func textWithExclamationsWritesNoTag() {
        for yaml in ["title: Urgent! Really!! (!) x!y\n", "text: |\n  Wow! Great!\n", "a: \"Hi !\"\nb: R&D, Q&A & more\n",
                     "a: x\nb: '!'\n"] {
            #expect(Self.writesNoTag(yaml), "\(yaml.debugDescription)")
            #expect(!Self.hasTagToken(yaml), "\(yaml.debugDescription)")
        }
        for yaml in ["a: !t x\n", "a: &x !t y\n", "- !!str 1\n", "a:\n  !t x\n", "!!str k: v\n", "a: [!t x]\n", "a: {b: !t x}\n",
                     "? !t k\n: v\n", "a: &x\n  !t y\n"] {
            #expect(!Self.writesNoTag(yaml), "missed the tag in \(yaml.debugDescription)")
        }
    }

    /// Random documents: whenever the bytes say no tag is written, libyaml's scanner finds no
    /// tag token, or Yams refuses the document.
    @Test func randomDocumentsWriteNoTagWhereTheyAreSaidTo() {
        let pieces = ["!t ", "!", "!!", "!!str ", "&a ", "&", "*a ", "x!", "a", "b1", "- ", "? ", ": ", "[", "]", "{", "}", ", ",
                      "\n", "\r\n", "  ", "\t", "\"q\"", "'q'", "|\n", ">\n", "# c", "--- ", "\u{85}", "é", "R&D"]
        var rng = SplitMix(seed: 0x7A65)
        var waved = 0
        for _ in 0..<(Int(ProcessInfo.processInfo.environment["PREFLIGHT_RUNS"] ?? "") ?? 20_000) {
            var yaml = ""
            for _ in 0..<Int.random(in: 1...20, using: &rng) { yaml += pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
            guard Self.writesNoTag(yaml), yaml.contains("!") else { continue }
            waved += 1
            if Self.hasTagToken(yaml) {
                #expect((try? Yams.compose(yaml: yaml)) == nil, "a tag in \(yaml.debugDescription)")
            }
        }
        #expect(waved > 1_000, "the generator should reach text with a ! often")
    }

    static func writesNoTag(_ yaml: String) -> Bool {
        var yaml = yaml
        return yaml.withUTF8 { YAMLPreflight.writesNoTag($0) }
    }

    /// Whether libyaml's scanner, before any error, meets a tag.
    static func hasTagToken(_ yaml: String) -> Bool {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return true }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            while true {
                var token = yaml_token_t()
                guard yaml_parser_scan(&parser, &token) == 1 else { return false }
                defer { yaml_token_delete(&token) }
                if token.type == YAML_TAG_TOKEN { return true }
                if token.type == YAML_STREAM_END_TOKEN { return false }
            }
        }
    }

    /// Random documents from YAML's own characters: whenever the bytes say the scan is not
    /// needed, the scan agrees, or Yams refuses the document. `PREFLIGHT_RUNS=1000000` runs longer.
    @Test func randomDocumentsNeverDisagree() {
        let pieces = ["*x", "&x ", "- ", "? ", ": ", ":", "[", "]", "{", "}", ", ", ",", "\n", "\r", "\r\n", "  ", "\t",
                      "a", "b1", "\"q\"", "'q'", "|\n", ">\n", "# c", "!t ", "--- ", "...", "*", "\u{85}", "é", "**",
                      "*x*", "* ", "*x:", "*x,", "*x%", "*x`", "*x-y"]
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
