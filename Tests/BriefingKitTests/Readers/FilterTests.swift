import Foundation
import Testing
@testable import BriefingKit

/// Status pages and team anchors: the questions filters without JavaScript.
@Suite struct FilterTests {
    static func statuses(in html: String) -> [String] {
        html.components(separatedBy: #"<article class="question status-"#).dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func eachStatusPageHoldsOnlyItsStatus() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let all = try #require(site.read("questions/index.html"))
        #expect(Self.statuses(in: all).sorted() == ["answered", "answered", "answered", "open", "open", "withdrawn"])
        let expected = ["open": 2, "answered": 3, "withdrawn": 1]
        for (status, count) in expected {
            let page = try #require(site.read("questions/\(status)/index.html"))
            let found = Self.statuses(in: page)
            #expect(found.count == count, "\(status)")
            #expect(found.allSatisfy { $0 == status }, "\(status): \(found)")
            #expect(page.contains(#"href="../../questions/\#(status)/index.html" data-status="\#(status)" aria-current="page""#))
            #expect(page.contains("<h1>\(status.prefix(1).uppercased() + status.dropFirst()) questions</h1>"))
        }
    }

    @Test func filtersAreLinksThatWorkWithoutJavaScript() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("questions/index.html"))
        #expect(page.contains(#"<a class="filter" href="../questions/index.html" data-status="" aria-current="page">All <span class="count">6</span></a>"#))
        #expect(page.contains(#"<a class="filter" href="../questions/open/index.html" data-status="open">Open <span class="count">2</span></a>"#))
        #expect(page.contains(##"<a class="filter" href="#team-gdd" data-team="gdd">GDD <span class="count">3</span></a>"##))
        #expect(page.contains(#"<section class="team-group" data-team="gdd" aria-labelledby="team-gdd">"#))
        #expect(page.contains(#"<h2 id="team-gdd">"#))
        #expect(page.contains(#"<script src="../assets/filters.js"></script>"#))
    }

    @Test func anEmptyStatusSaysSo() throws {
        let site = try TempSite.minimal()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("questions/withdrawn/index.html"))
        #expect(page.contains("<p>No withdrawn questions.</p>"))
        #expect(Self.statuses(in: page).isEmpty)
    }

    @Test func everyQuestionHasAPermalinkAndACopyLink() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let page = try #require(site.read("questions/index.html"))
        #expect(page.contains(#"<article class="question status-answered" id="q1.1">"#))
        #expect(page.contains(#"<a class="anchor" href="../recommendations/1/index.html#q1.1" title="Link to question 1.1">1.1</a>"#))
        #expect(page.contains(#"data-url="https://example.org/review/recommendations/1/#q1.1""#))
    }
}
