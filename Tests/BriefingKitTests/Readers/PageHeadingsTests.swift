import Foundation
import Testing
@testable import BriefingKit

/// Screen readers list a page's headings as an outline: on every page each heading is at
/// most one level below the one before it, and a question sits one level below its
/// recommendation, wherever it is shown (its recommendation, its team, the questions
/// pages, the packs), with the headings of its text and answer below it.
@Suite struct PageHeadingsTests {
    static func levels(_ html: String) -> [Int] {
        let b = Array(html.utf8)
        var out: [Int] = []
        var i = 0
        while i + 3 < b.count {
            if b[i] == 60, b[i + 1] == 104, (49...54).contains(b[i + 2]), b[i + 3] == 62 || b[i + 3] == 32 {
                out.append(Int(b[i + 2]) - 48)
            }
            i += 1
        }
        return out
    }

    static func site() throws -> TempSite {
        try ReadersSite.make([
            "content/briefings/gdd.md": "---\ntitle: GDD Briefing\nteam: GDD\norder: 2\n---\nThe GDD team.\n\n## Scope\n\nText.\n",
            "content/recommendations/3.md": """
            ---
            number: 3
            title: Outlines
            briefing: gdd
            questions:
              - id: "3.1"
                text: |
                  # Context

                  What is measured?
                status: answered
                answer: |
                  ## Findings

                  ### Detail

                  Yes.
            ---
            # Background

            ## History

            Text.
            """,
        ])
    }

    @Test func everyPageNestsItsHeadings() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        let r = site.build()
        #expect(r.succeeded, "\(r.errorLines)")
        let pages = FileIO.walk(site.output.path).files.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 10)
        for page in pages {
            let levels = Self.levels(try #require(site.read(page)))
            for (a, b) in zip(levels, levels.dropFirst()) where b > a + 1 {
                Issue.record("\(page): h\(b) after h\(a) in \(levels)")
            }
        }
    }

    @Test func aQuestionIsOneLevelBelowItsRecommendation() throws {
        let site = try Self.site()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let expected: [(String, Int)] = [
            ("recommendations/3/index.html", 3), ("briefings/gdd/index.html", 3),
            ("questions/index.html", 4), ("questions/answered/index.html", 4), ("pack/index.html", 4), ("pack/gdd/index.html", 4),
        ]
        for (page, level) in expected {
            let html = try #require(site.read(page))
            #expect(html.contains(#"<h\#(level) class="question-id"><a class="anchor" href=""#), "\(page)")
            #expect(html.contains(#"<h\#(level + 1) class="answer-head">Answer"#), "\(page)")
            // The question's own headings come under it: "# Context" was placed at h4 under an h3.
            #expect(html.contains("<h\(min(6, level + 1))>Context</h\(min(6, level + 1))>"), "\(page)")
        }
    }

    @Test func headingsShiftDownAndStopAtSix() {
        #expect(HeadingShift.demote(#"<h3 class="x">a</h3><h6>b</h6><hr><header><h5>c</h5>"#, by: 1)
                == #"<h4 class="x">a</h4><h6>b</h6><hr><header><h6>c</h6>"#)
        #expect(HeadingShift.demote("<h2>a</h2>&lt;h2&gt;", by: 2) == "<h4>a</h4>&lt;h2&gt;")
        #expect(HeadingShift.demote("<h1>a</h1>", by: 0) == "<h1>a</h1>")
    }
}
