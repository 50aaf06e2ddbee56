import Foundation
import Testing
@testable import BriefingKit

/// search-index.json / .js, the search page and lunr as an installed dependency.
@Suite struct SearchTests {
    @Test func indexHoldsRecommendationsQuestionsAnswersAndMeetings() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let json = try #require(site.read("search-index.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(root["version"] as? Int == 1)
        let docs = try #require(root["documents"] as? [[String: String]])
        #expect(docs.map { $0["ref"]! } == ["rec-1", "rec-2", "q1.1", "q1.2", "q1.3", "q2.1", "q2.2", "q2.3",
                                             "meeting-call-2", "meeting-call-1", "meeting-call-x"])
        let q = try #require(docs.first { $0["ref"] == "q1.1" })
        #expect(q["answer"] == "The remit was rewritten; see Rec 2.")
        #expect(q["url"] == "recommendations/1/index.html#q1.1")
        #expect(q["status"] == "answered")
        let meeting = try #require(docs.first { $0["ref"] == "meeting-call-1" })
        #expect(meeting["text"]?.contains("Adopt the escrow plan") == true)
        // Empty fields are left out rather than written as "".
        #expect(docs.first { $0["ref"] == "q1.2" }?["answer"] == nil)
        // The script holds the same JSON, assigned to the global search.js reads.
        let script = try #require(site.read("search-index.js"))
        #expect(script == "window.\(SearchIndex.global) = \(json.dropLast());\n")
    }

    @Test func searchPageLoadsLunrTheIndexAndItsScriptWithoutInlineCode() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("search/index.html"))
        #expect(page.contains(#"<script src="../assets/lunr.min.js"></script>"#))
        #expect(page.contains(#"<script src="../search-index.js"></script>"#))
        #expect(page.contains(#"<script src="../assets/search.js"></script>"#))
        #expect(page.contains(#"<input id="search-q" type="search" name="q""#))
        // The CSP allows scripts from files only.
        #expect(!page.contains("<script>"))
        #expect(!page.contains(" style=\""))
        let lunr = try #require(site.read(LunrScript.outputPath))
        #expect(lunr.contains("lunr"))
        #expect(site.exists("assets/search.js"))
    }

    @Test func missingLunrFailsTheBuildNamingThePackage() {
        let (files, d) = LunrScript.read(environment: [LunrScript.environmentKey: "/nonexistent/lunr.min.js"])
        #expect(files.isEmpty)
        #expect(d.hasErrors)
        #expect(d.errors.first?.message.contains("libjs-lunr") == true)
        #expect(d.errors.first?.location.path == "/nonexistent/lunr.min.js")
    }

    @Test func lunrOverrideMustLookLikeLunr() throws {
        let site = try TempSite(["not-lunr.js": "console.log('hello')\n"])
        defer { site.cleanUp() }
        let path = site.root.appendingPathComponent("not-lunr.js").path
        let (files, d) = LunrScript.read(environment: [LunrScript.environmentKey: path])
        #expect(files.isEmpty)
        #expect(d.errors.first?.message.contains("does not look like lunr.js") == true)
    }

    /// The issue's budget: the index stays under 30% of the site's HTML.
    @Test func indexOfTheSSR1SiteIsUnderThirtyPercentOfItsHTML() throws {
        let result = SiteBuilder(.init(source: Repository.root, displaySource: "",
                                       output: Repository.root.appendingPathComponent("site"))).make()
        #expect(result.succeeded, "\(result.lines)")
        let html = result.files.filter { $0.path.hasSuffix(".html") }.reduce(0) { $0 + $1.bytes.count }
        let index = try #require(result.files.first { $0.path == SearchIndex.jsonPath }).bytes.count
        let script = try #require(result.files.first { $0.path == SearchIndex.scriptPath }).bytes.count
        #expect(html > 0)
        #expect(Double(index) / Double(html) < 0.30, "index \(index) B, HTML \(html) B")
        #expect(Double(script) / Double(html) < 0.30, "script \(script) B, HTML \(html) B")
    }

    /// A document is written directly, as the compact `JSONValue` object it stands for:
    /// fields in order, empty and absent ones left out, every string escaped alike.
    @Test func documentsAreTheCompactJSONObjectsTheyStandFor() {
        let cases: [[(String, String?)]] = [
            [],
            [("a", nil), ("b", "")],
            [("ref", "q1.1"), ("title", nil), ("text", "</script> & \"quotes\" \\ \n\t\u{1} \u{2028}é"), ("empty", ""), ("url", "x/#q1.1")],
            [("only", "v")],
        ]
        for fields in cases {
            let tree = JSONValue.object(fields.compactMap { k, v in v.flatMap { $0.isEmpty ? nil : (k, .string($0)) } })
            var compact = ByteText()
            tree.write(into: &compact, indent: nil, level: 0)
            #expect(SearchIndex.document(fields) == compact.bytes, "\(fields)")
        }
    }
}
