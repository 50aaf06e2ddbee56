import Foundation
import Testing
@testable import BriefingKit

/// End to end: real source trees in, output files asserted on.
@Suite struct BuildTests {
    @Test func crossLinksGoBothWays() throws {
        let site = try TempSite.minimal([
            "content/meetings/call-1.md": "---\ntitle: Call 1\n---\nWe discussed [[1.1]] and [[Remit|Rec 1]].\n",
            "content/briefings/cto.md": "---\ntitle: CTO Briefing\nteam: CTO\n---\nThis team answers for Recommendation 1.\n",
        ])
        defer { site.cleanUp() }
        let r = site.build()
        #expect(r.succeeded, "\(r.lines)")
        let meeting = try #require(site.read("meetings/call-1/index.html"))
        #expect(meeting.contains(#"<a href="../../recommendations/1/index.html#q1.1" title="Question 1.1 (Rec 1)">1.1</a>"#))
        #expect(meeting.contains(#"<a href="../../recommendations/1/index.html" title="Recommendation 1: Remit">Remit</a>"#))
        let team = try #require(site.read("briefings/cto/index.html"))
        #expect(team.contains(#"answers for <a href="../../recommendations/1/index.html" title="Recommendation 1: Remit">Recommendation 1</a>."#))
        // Backlinks: the recommendation lists both pages, the question lists the meeting.
        let rec = try #require(site.read("recommendations/1/index.html"))
        let referenced = try #require(rec.range(of: "Referenced from</h2>"))
        let tail = rec[referenced.upperBound...]
        #expect(tail.contains(#"<a href="../../briefings/cto/index.html">CTO Briefing</a>"#))
        #expect(tail.contains(#"<a href="../../meetings/call-1/index.html">Call 1</a>"#))
        #expect(rec.contains(#"Referenced from <a href="../../meetings/call-1/index.html">Call 1</a>"#))
    }

    @Test func codeAndExistingLinksAreLeftAlone() throws {
        let site = try TempSite.minimal([
            "content/pages/about.md": "---\ntitle: About\n---\n`Rec 1` and [Rec 1](https://example.org/) and\n\n    [[nothing]] in code\n",
        ])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("about/index.html"))
        #expect(page.contains("<code>Rec 1</code>"))
        #expect(page.contains(#"<a href="https://example.org/">Rec 1</a>"#))
        #expect(page.contains("<pre><code>[[nothing]] in code"))
    }

    @Test func everyContentValueIsEscaped() throws {
        let site = try TempSite.minimal([
            "content/briefings/cto.md": "---\ntitle: \"<script>alert(1)</script>\"\nteam: \"<b>CTO</b>\"\n---\nHi <script>alert(2)</script> <img src=x onerror=alert(3)>\n",
        ])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("briefings/cto/index.html"))
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<b>CTO</b>"))
        #expect(!page.contains("onerror"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("<!-- raw HTML omitted -->"))
    }

    @Test func rawHTMLPassesOnlyWhenTheSiteOptsIn() throws {
        let site = try TempSite.minimal([
            "briefing.yml": "title: T\nunsafe_html: true\n",
            "content/pages/about.md": "---\ntitle: About\n---\n<div class=\"note\">Kept</div>\n",
        ])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(site.read("about/index.html")?.contains(#"<div class="note">Kept</div>"#) == true)
    }

    @Test func aFailedBuildLeavesThePreviousSiteIntact() throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let before = try #require(site.read("recommendations/1/index.html"))
        try site.write("content/recommendations/1.md", "---\nnumber: 1\ntitle: [broken\n---\n")
        let r = site.build()
        #expect(!r.succeeded)
        #expect(r.write == nil)
        #expect(site.read("recommendations/1/index.html") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".site.") }
        #expect(leftovers.isEmpty)
    }

    @Test func outputIsByteIdenticalBetweenRuns() throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        let a = SiteBuilder(site.options()).make().files
        let b = SiteBuilder(site.options()).make().files
        #expect(a == b)
        #expect(!a.isEmpty)
    }

    @Test func aSecondBuildRewritesNothing() throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        let first = try #require(site.build().write)
        let second = try #require(site.build().write)
        #expect(first.written > 0)
        #expect(second.written == 0)
        #expect(second.unchanged == first.written)
    }

    @Test func unquotedQuestionIDsStayStrings() throws {
        var rec = "---\nnumber: 11\ntitle: T\nbriefing: cto\nquestions:\n"
        for k in 1...10 { rec += "  - id: 11.\(k)\n    text: Q\(k)?\n" }
        rec += "---\nBody\n"
        let site = try TempSite.minimal(["content/recommendations/11.md": rec])
        defer { site.cleanUp() }
        let r = site.build()
        #expect(r.succeeded, "\(r.lines)")
        let page = try #require(site.read("recommendations/11/index.html"))
        #expect(page.contains(#"id="q11.10""#))
        #expect(page.contains(#"id="q11.1""#))
    }

    @Test func repeatedQuestionsWarnAndCrossLink() throws {
        let site = try TempSite.minimal([
            "content/recommendations/2.md": "---\nnumber: 2\ntitle: T\nbriefing: cto\nquestions:\n  - id: \"2.1\"\n    text: What changed?\n---\n",
        ])
        defer { site.cleanUp() }
        let r = site.build()
        #expect(r.lines.contains("content/recommendations/2.md:6:5: warning: question 2.1 has the same text as 1.1; the pages cross-link them"))
        let page = try #require(site.read("recommendations/1/index.html"))
        #expect(page.contains(#"Same question as <a href="../../recommendations/2/index.html#q2.1">2.1</a>"#))
    }

    @Test func outputInsideContentIsRefused() throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        let out = site.root.appendingPathComponent("content/site")
        let r = SiteBuilder(site.options(output: out)).build()
        #expect(!r.succeeded)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(r.errorLines.first?.contains("is inside content/") == true)
    }

    @Test func anUnrelatedFolderIsNeverReplaced() throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        let out = site.root.appendingPathComponent("notes")
        try site.write("notes/keep.txt", "mine")
        let r = SiteBuilder(site.options(output: out)).build()
        #expect(!r.succeeded)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("keep.txt").path))
    }

    @Test func prettyLinksDropIndexHTML() throws {
        let site = try TempSite.minimal(["briefing.yml": "title: T\npretty_links: true\n",
                                         "content/pages/about.md": "---\ntitle: About\n---\nSee [[1.1]].\n"])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(site.read("about/index.html")?.contains(#"href="../recommendations/1/#q1.1""#) == true)
    }

    @Test func siteTemplatesOverrideBuiltInOnes() throws {
        let site = try TempSite.minimal(["templates/footer.mustache": "<p>Custom footer for {{site.title}}</p>\n"])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        #expect(site.read("index.html")?.contains("<p>Custom footer for Test Review</p>") == true)
    }

    @Test func aBrokenTemplateNamesItsLine() throws {
        let site = try TempSite.minimal(["templates/footer.mustache": "<p>\n{{#open}}never closed\n"])
        defer { site.cleanUp() }
        let r = site.check()
        #expect(!r.succeeded)
        #expect(r.errorLines.first?.hasPrefix("templates/footer.mustache:") == true)
    }
}
