import Foundation
import Testing
@testable import BriefingKit

/// The printable briefing pack. Printing itself is proven by `make pack-pdf`.
@Suite struct PackTests {
    @Test func wholePackHasEveryTeamAndRecommendation() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let pack = try #require(site.read("pack/index.html"))
        #expect(pack.components(separatedBy: #"<section class="pack-team""#).count - 1 == 2)
        #expect(pack.components(separatedBy: #"<section class="pack-rec""#).count - 1 == 2)
        for id in ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"] { #expect(pack.contains(#"id="q\#(id)""#)) }
        // Status in words, for black-and-white printing.
        #expect(pack.contains(#"<span class="status status-withdrawn">Withdrawn</span>"#))
        #expect(pack.contains(#"<a href="../pack/cto/index.html">CTO Briefing</a>"#))
        #expect(pack.contains(##"<a href="#rec-2">Rec 2: Escrow</a>"##))
    }

    @Test func eachTeamHasItsOwnPackLinkedFromItsPage() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let cto = try #require(site.read("pack/cto/index.html"))
        #expect(cto.contains("<h1>CTO Briefing: briefing pack</h1>"))
        #expect(cto.contains(#"id="q1.1""#))
        #expect(!cto.contains(#"id="q2.1""#))
        #expect(site.exists("pack/gdd/index.html"))
        #expect(try #require(site.read("briefings/cto/index.html")).contains(#"<a href="../../pack/cto/index.html">Print briefing pack</a>"#))
        #expect(try #require(site.read("index.html")).contains(#"<a href="pack/index.html">Print briefing pack</a>"#))
    }

    @Test func printRulesBreakAPagePerRecommendation() {
        let css = String(decoding: PackageResources.style_css, as: UTF8.self)
        let print = css.components(separatedBy: "@media print").last ?? ""
        #expect(print.contains(".pack-rec + .pack-rec { break-before: page; }"))
        #expect(print.contains(".pack-team { break-before: page;"))
    }
}
