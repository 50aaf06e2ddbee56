import Foundation
import Testing
@testable import BriefingKit
#if canImport(FoundationXML)
import FoundationXML
#endif

/// questions.json, questions.csv, feed.xml and sitemap.xml (contract, section 2).
@Suite struct ExportTests {
    @Test func questionsJSONHasEveryQuestionWithItsFields() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        let r = site.build()
        #expect(r.succeeded, "\(r.lines)")
        let data = Data(try #require(site.read("questions.json")).utf8)
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(list.map { $0["id"] as? String } == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3"])
        let first = list[0]
        #expect(first["recommendation"] as? Int == 1)
        #expect(first["recommendation_title"] as? String == #"Remit, "mission" & scope"#)
        #expect(first["team"] as? String == "cto")
        #expect(first["team_name"] as? String == "CTO")
        #expect(first["status"] as? String == "answered")
        #expect(first["text"] as? String == "What changed in the remit?")
        #expect(first["answer"] as? String == "The remit was rewritten; see Rec 2.")
        #expect(first["asked"] as? String == "call-1")
        #expect(first["asked_date"] as? String == "2017-09-07")
        #expect(first["answered"] as? String == "2018-03-02")
        #expect(first["url"] as? String == "https://example.org/review/recommendations/1/#q1.1")
        // Absent values are null, so every record has the same keys.
        #expect(list[2]["answer"] is NSNull)
        #expect(Set(list.map { Set($0.keys) }).count == 1)
        // Key order is fixed, not whatever a dictionary gives.
        let text = try #require(site.read("questions.json"))
        #expect(text.hasPrefix("[\n  {\n    \"id\": \"1.1\",\n    \"recommendation\": 1,"))
    }

    /// questions.json is written straight from the records, as the indented `JSONValue`
    /// array of objects it stands for: every field in order, absent ones `null`.
    @Test func questionsJSONIsTheTreeItStandsFor() {
        func record(_ n: Int) -> QuestionRecord {
            QuestionRecord(
                id: "\(n).1", recommendation: n, recommendationTitle: "Rec <\(n)> & \"more\"", team: "cto", teamName: "CTO",
                status: n % 2 == 0 ? .answered : .open, text: "Line\none \u{2028} \\ é\t\u{1}",
                answer: n % 2 == 0 ? "Yes, </script>" : nil, asked: n % 3 == 0 ? "call-1" : nil,
                askedDate: n % 3 == 0 ? Day("2017-09-07") : nil, answered: n % 2 == 0 ? Day("2018-01-02") : nil,
                path: "recommendations/\(n)/index.html#q\(n).1", url: "https://example.org/recommendations/\(n)/#q\(n).1")
        }
        for records in [[], [record(1)], (1...7).map(record)] {
            let tree = JSONValue.array(records.map { q in
                .object([
                    ("id", .string(q.id)), ("recommendation", .int(q.recommendation)),
                    ("recommendation_title", .string(q.recommendationTitle)), ("team", .string(q.team)),
                    ("team_name", .string(q.teamName)), ("status", .string(q.status.rawValue)), ("text", .string(q.text)),
                    ("answer", .orNull(q.answer)), ("asked", .orNull(q.asked)), ("asked_date", .orNull(q.askedDate?.iso)),
                    ("answered", .orNull(q.answered?.iso)), ("url", .string(q.url)),
                ])
            })
            var expected = ByteText()
            tree.write(into: &expected, indent: 2, level: 0)
            expected.append(byte: UInt8(ascii: "\n"))
            #expect(QuestionsJSON().file(records).bytes == expected.bytes, "\(records.count) records")
        }
    }

    @Test func questionsCSVQuotesLikeRFC4180() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let csv = try #require(site.read("questions.csv"))
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows.first == QuestionsCSV.columns.joined(separator: ","))
        #expect(rows.count == 1 + 6 + 1)  // header, six questions, the empty string after the last CRLF
        #expect(rows[1].hasPrefix(#"1.1,1,"Remit, ""mission"" & scope",cto,CTO,answered,What changed in the remit?,"#))
        #expect(rows[2].contains(#","First paragraph, with ""quotes"". Second paragraph about registry operators.","#))
        #expect(rows[1].hasSuffix(",call-1,2017-09-07,2018-03-02,https://example.org/review/recommendations/1/#q1.1"))
        #expect(Self.parse(csv).allSatisfy { $0.count == QuestionsCSV.columns.count })
    }

    @Test func csvFieldsQuoteOnlyWhatNeedsIt() {
        #expect(QuestionsCSV.field("plain") == "plain")
        #expect(QuestionsCSV.field("a,b") == "\"a,b\"")
        #expect(QuestionsCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(QuestionsCSV.field("two\nlines") == "\"two\nlines\"")
        #expect(QuestionsCSV.field("two\r\nlines") == "\"two\r\nlines\"")
        #expect(QuestionsCSV.field("") == "")
    }

    @Test func atomFeedListsDatedAnswersAndMeetingsNewestFirst() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let feed = try #require(site.read("feed.xml"))
        #expect(Self.wellFormed(feed))
        #expect(feed.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB" xml:base="https://example.org/review/">"#))
        // The feed's date is its newest entry's, never the build's.
        #expect(feed.contains("<updated>2018-03-02T00:00:00Z</updated>\n<author>"))
        let titles = Self.all("title", in: feed)
        #expect(titles == ["Test Review", "Answer to 1.1: What changed in the remit?", "Call 2 &lt;&amp; friends&gt;",
                           "Answer to 2.1: How is data escrow audited?", "Call 1"])
        // Undated answers and meetings are left out.
        #expect(!feed.contains("Undated"))
        #expect(!feed.contains("2.2"))
        #expect(feed.contains("<id>https://example.org/review/recommendations/1/#q1.1</id>"))
        // Links inside entry content are absolute, so they work in a feed reader.
        #expect(feed.contains("href=&quot;https://example.org/review/recommendations/2/index.html&quot;"))
    }

    @Test func feedLimitKeepsTheNewestEntries() throws {
        let yml = "title: Test Review\nbase_url: https://example.org/review/\nreview: SSR2\nlanguage: en-GB\n"
        let two = try ReadersSite.make(["briefing.yml": yml + "feed_limit: 2\n"])
        defer { two.cleanUp() }
        #expect(two.build().succeeded)
        let titles = Self.all("title", in: try #require(two.read("feed.xml")))
        #expect(titles == ["Test Review", "Answer to 1.1: What changed in the remit?", "Call 2 &lt;&amp; friends&gt;"])

        let all = try ReadersSite.make(["briefing.yml": yml + "feed_limit: 0\n"])
        defer { all.cleanUp() }
        #expect(all.build().succeeded)
        #expect(Self.all("title", in: try #require(all.read("feed.xml"))).count == 5)

        let bad = try ReadersSite.make(["briefing.yml": yml + "feed_limit: -1\n"])
        defer { bad.cleanUp() }
        #expect(bad.check().errorLines == ["briefing.yml:5:1: error: 'feed_limit' must be 0 (every entry) or more, not -1"])
    }

    @Test func feedWithoutDatesUsesAFixedEpoch() throws {
        let site = try TempSite.minimal(["content/meetings/call-1.md": "---\ntitle: Call 1\n---\nNo date.\n"])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let feed = try #require(site.read("feed.xml"))
        #expect(Self.wellFormed(feed))
        #expect(feed.contains("<updated>\(AtomFeed.epoch)</updated>"))
        #expect(!feed.contains("<entry>"))
    }

    @Test func sitemapListsEveryPageAtItsAbsoluteAddress() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        let r = site.build()
        #expect(r.succeeded)
        let map = try #require(site.read("sitemap.xml"))
        #expect(Self.wellFormed(map))
        let locs = Self.all("loc", in: map)
        let pages = r.files.map(\.path).filter { $0.hasSuffix(".html") && $0 != "404.html" }
        #expect(locs.count == pages.count)
        #expect(locs.allSatisfy { $0.hasPrefix("https://example.org/review/") })
        #expect(locs.contains("https://example.org/review/"))
        #expect(locs.contains("https://example.org/review/recommendations/1/"))
        #expect(locs.contains("https://example.org/review/questions/open/"))
        #expect(!map.contains("404"))
    }

    @Test func sitemapWithoutBaseURLListsNothingRatherThanWrongAddresses() throws {
        let site = try TempSite.minimal(["briefing.yml": "title: T\n"])
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        let map = try #require(site.read("sitemap.xml"))
        #expect(Self.wellFormed(map))
        #expect(!map.contains("<url>"))
    }

    @Test func exportsAreByteIdenticalFromRunToRun() throws {
        let site = try ReadersSite.make()
        defer { site.cleanUp() }
        let a = site.check().files.filter { !$0.path.hasSuffix(".html") }
        let b = site.check().files.filter { !$0.path.hasSuffix(".html") }
        #expect(a == b)
    }

    // MARK: helpers

    static func wellFormed(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }

    /// Text of every `<name>` element, raw (entities as written).
    static func all(_ name: String, in xml: String) -> [String] {
        var out: [String] = []
        var rest = Substring(xml)
        while let open = rest.range(of: "<\(name)>"), let close = rest[open.upperBound...].range(of: "</\(name)>") {
            out.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// A strict RFC 4180 reader, to prove the file reads back into rows of equal width.
    static func parse(_ csv: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(csv.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } }
                else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r", chars.first == "\n" { chars.removeFirst(); row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        return rows
    }
}
