import Foundation
import Testing
@testable import BriefingKit

/// Inputs for `FuzzEntry`, run in the ordinary test suite: every input the fuzzer
/// found that crashed (or broke a promise) stays here, fixed, so it never comes back.
/// The first byte picks the mode (0 load, 1 Markdown, 2 import, 3 + 4k whole site,
/// 255 a template override, named by the next byte).
@Suite struct FuzzRegressionTests {
    static let cases: [(String, [UInt8])] = [
        ("empty input", []),
        ("mode byte only", [3]),
        ("unclosed front matter", [0] + Array("---\ntitle: x".utf8)),
        ("alias key billion laughs", [0] + Array("---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n? *b\n: 1\n---\n".utf8)),
        ("YAML nested 5,000 deep", [3] + Array(("---\ntitle: " + String(repeating: "[", count: 5_000) + "\n---\n").utf8)),
        ("Markdown nested 5,000 deep", [1] + Array((String(repeating: "> ", count: 5_000) + "[[11]]").utf8)),
        ("javascript in every Markdown shape", [15] + Array("---\ntitle: x\n---\n[a](javascript:alert(1)) <script>x</script> ![b](data:image/png;base64,AA==) <a href=javascript:x>c</a>\n".utf8)),
        ("hostile titles in a meeting", [11] + Array("---\ntitle: \"<script>\"\nattendees: [\"<img onerror=x>\"]\naction_items: [{id: a1, text: \"<b onclick=x>\", owner: \"<svg onload=x>\"}]\n---\n".utf8)),
        ("an imported deck", [2] + Array("Briefing Materials\nRec 11\nQuestions\n11.1 What?\n".utf8)),
        ("a footer that includes itself through a tab", [255, 0] + Array("{{>\tfooter}}".utf8)),
        ("a page whose block shows its own page", [255, 2] + Array("{{<base}}{{$main}}{{> page}}{{/main}}{{/base}}".utf8)),
        ("sections 1,000 deep", [255, 0] + Array((String(repeating: "{{#a}}", count: 1000) + String(repeating: "{{/a}}", count: 1000)).utf8)),
        ("a dynamic partial named by the data", [255, 1] + Array("{{>*id}}".utf8)),
        ("a question template that works", [255, 1] + Array("<p>{{id}}: {{{text}}}</p>".utf8)),
    ]

    @Test(arguments: cases.map(\.0))
    func inputStaysHarmless(_ name: String) {
        let bytes = Self.cases.first { $0.0 == name }!.1
        FuzzEntry.run(Data(bytes))  // traps on a broken promise, which fails the run
    }

    /// The seeds `make fuzz` starts from: the repository's content, through every mode.
    @Test func repositoryContentThroughEveryMode() throws {
        let content = Repository.root.appendingPathComponent("content")
        for kind in SourceTree.Kind.allCases {
            let dir = content.appendingPathComponent(kind.rawValue)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".md") {
                let data = try Data(contentsOf: dir.appendingPathComponent(name))
                for mode: UInt8 in [0, 1, 3 + 4 * UInt8(SourceTree.Kind.allCases.firstIndex(of: kind)!)] {
                    FuzzEntry.run(Data([mode]) + data)
                }
            }
        }
    }
}
