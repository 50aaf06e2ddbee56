import Foundation
import Testing
@testable import BriefingKit

/// The repository's own site: the SSR1 briefing materials of the Plenary Call #41 deck.
@Suite struct SSR1ContentTests {
    static func build() throws -> (SiteBuilder.Result, URL) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-ssr1-\(UUID().uuidString)")
        let result = SiteBuilder(.init(source: Repository.root, displaySource: "", output: out)).build()
        return (result, out)
    }

    @Test func buildsWithTheWholeDeck() throws {
        let (result, out) = try Self.build()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(result.succeeded, "\(result.errorLines)")
        let recs = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("recommendations").path)
            .filter { !$0.hasSuffix(".html") }
        #expect(recs.count == 22)
        var ids: [String] = []
        for r in recs {
            let html = try String(contentsOf: out.appendingPathComponent("recommendations/\(r)/index.html"), encoding: .utf8)
            ids += html.components(separatedBy: #"<article class="question"#).dropFirst().compactMap { chunk in
                chunk.range(of: #"id="q"#).map { String(chunk[$0.upperBound...].prefix { $0 != "\"" }) }
            }
        }
        #expect(ids.count == 82)
        #expect(Set(ids).count == 82)
        #expect(ids.contains("11.16") && ids.contains("19.1") && ids.contains("11.10"))
        for team in ["cto", "operations-and-finance", "compliance", "risk-management", "gdd", "policy", "comms"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("briefings/\(team)/index.html").path))
        }
    }

    /// A reader reaches any question in two clicks: home → recommendation page, which holds the question's anchor.
    @Test func everyQuestionIsTwoClicksFromHome() throws {
        let (result, out) = try Self.build()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(result.succeeded)
        let home = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        let (content, _) = ContentLoader().load(SourceTree(root: Repository.root, displayRoot: ""))
        for r in content.recommendations {
            #expect(home.contains(#"href="recommendations/\#(r.number)/index.html""#), "home does not link Rec \(r.number)")
            let page = try String(contentsOf: out.appendingPathComponent("recommendations/\(r.number)/index.html"), encoding: .utf8)
            for q in r.questions { #expect(page.contains(#"id="q\#(q.id)""#)) }
        }
    }

    @Test func theDeckQuirksAreKept() throws {
        let (result, out) = try Self.build()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(result.warnings.count == 4, "\(result.lines)")  // 15.2/17.2 and 15.3/17.3
        let rec6 = try String(contentsOf: out.appendingPathComponent("recommendations/6/index.html"), encoding: .utf8)
        #expect(rec6.contains("https://www.icann.org/en/system/files/files/draftrssac-ssac-roles-responsibilities-05mar15-en.pdf"))
        let rec15 = try String(contentsOf: out.appendingPathComponent("recommendations/15/index.html"), encoding: .utf8)
        #expect(rec15.contains(#"Same question as <a href="../../recommendations/17/index.html#q17.2">17.2</a>"#))
        let rec2 = try String(contentsOf: out.appendingPathComponent("recommendations/22/index.html"), encoding: .utf8)
        #expect(rec2.contains("’") || rec2.contains("Recommendation 22"))
    }
}

extension SiteBuilder.Result {
    var warnings: [Diagnostic] { diagnostics.warnings }
}
