import Foundation
import Testing
@testable import BriefingKit

/// Hostile content is published inert: nothing a contributor writes in Markdown or
/// front matter becomes a script, an event handler or a `javascript:`/`data:` URL.
@Suite struct HostileContentTests {
    static let markdown = """
        Raw <script>alert(1)</script> and <img src=x onerror=alert(2)> and <svg onload=alert(3)>.

        <iframe src="https://evil.example/"></iframe>

        <a href="javascript:alert(4)">raw link</a>

        [plain](javascript:alert(5)) [mixed](JaVaScRiPt:alert(6)) [entity](&#106;avascript:alert(7))
        [vb](vbscript:msgbox(8)) [file](file:///etc/passwd) [spaced](<java script:alert(9)>)
        [html](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=) <javascript:alert(11)>

        ![img](data:text/html;base64,PHNjcmlwdD4=) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)
        ![png](data:image/png;base64,iVBORw0KGgo=) ![js](javascript:alert(12))

        [ref][evil] [[Click|call-1]]

        [evil]: javascript:alert(13) "title\\" onmouseover=\\"alert(14)"
        """

    static func indented(_ s: String, by n: Int) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { String(repeating: " ", count: n) + $0 }.joined(separator: "\n")
    }

    static var hostileSite: [String: String] {
        [
            "briefing.yml": """
                title: "<script>alert('site')</script>"
                description: '"><script>alert(1)</script>'
                review: "<img src=x onerror=alert(1)>"
                base_url: https://example.org/review/
                language: en
                """,
            "content/briefings/cto.md": """
                ---
                title: "<script>alert('title')</script>"
                team: "<img src=x onerror=alert('team')>"
                meeting: call-1
                materials:
                  - title: "<svg onload=alert('material')>"
                    url: "https://example.org/?q=\\"><script>alert(1)</script>"
                ---
                \(markdown)
                """,
            "content/meetings/call-1.md": """
                ---
                title: "Call 1 \\" onmouseover=\\"alert('meeting')"
                date: 2017-09-07
                attendees: ["<script>alert('attendee')</script>", "<b onclick=alert(1)>Bob</b>"]
                apologies: ["<img src=x onerror=alert('apology')>"]
                decisions:
                  - "[decided](javascript:alert('decision')) <script>alert(1)</script>"
                action_items:
                  - id: "1-1"
                    text: "<script>alert('action')</script> [do](javascript:alert(1))"
                    owner: "<img src=x onerror=alert('owner')>"
                ---
                \(markdown)
                """,
            "content/recommendations/1.md": """
                ---
                number: 1
                title: "Remit <script>alert('rec')</script>"
                briefing: cto
                focus_area: "<style>body{display:none}</style>"
                questions:
                  - id: "1.1"
                    text: |
                \(indented(markdown, by: 6))
                    status: answered
                    asked: call-1
                    answer: "<script>alert('answer')</script> ![a](javascript:alert(1))"
                ---
                \(markdown)
                """,
            "content/pages/about.md": """
                ---
                title: "'><svg onload=alert('page')>"
                ---
                \(markdown)
                """,
            "content/pages/index.md": "---\ntitle: Home\n---\n\(markdown)\n",
        ]
    }

    static func build() throws -> (TempSite, SiteBuilder.Result) {
        let site = try TempSite(hostileSite)
        return (site, site.build())
    }

    @Test func everyPageIsInert() throws {
        let (site, result) = try Self.build()
        defer { site.cleanUp() }
        #expect(result.succeeded, "\(result.lines)")
        let pages = site.written(result).filter { $0.path.hasSuffix(".html") }
        #expect(pages.count > 8)
        for page in pages {
            let html = String(decoding: page.bytes, as: UTF8.self)
            #expect(ActiveContentScanner.scan(html).isEmpty, "\(page.path): \(ActiveContentScanner.scan(html))")
            // Nothing of the payloads survives as markup, only as escaped text.
            for payload in ["<script>alert", "<img src=x", "<svg onload", "<iframe", "<b onclick", "<style>"] {
                #expect(!html.contains(payload), "\(page.path) contains \(payload)")
            }
            #expect(html.range(of: #"(href|src)="[^"]*(javascript|vbscript|data):"#, options: [.regularExpression, .caseInsensitive]) == nil, "\(page.path)")
        }
        // The payloads in titles and names are shown as text, not dropped.
        let team = try #require(site.read("briefings/cto/index.html"))
        #expect(team.contains("&lt;script&gt;alert("))
        #expect(team.contains("&lt;img src=x onerror=alert("))
        let meeting = try #require(site.read("meetings/call-1/index.html"))
        #expect(meeting.contains("&lt;b onclick=alert(1)&gt;Bob&lt;/b&gt;"))
    }

    @Test func dataFilesStayData() throws {
        let (site, result) = try Self.build()
        defer { site.cleanUp() }
        #expect(result.succeeded, "\(result.lines)")
        // The search index is loaded as a script: it must be exactly one assignment of JSON.
        let script = try #require(site.read("search-index.js"))
        let prefix = "window.\(SearchIndex.global) = "
        #expect(script.hasPrefix(prefix) && script.hasSuffix(";\n"))
        let json = script.dropFirst(prefix.count).dropLast(2)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) is [String: Any])
        for path in ["search-index.json", "questions.json"] {
            let data = try #require(site.read(path).map { Data($0.utf8) })
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(path) must stay valid JSON")
        }
        // The feed carries pages' HTML escaped inside <content type="html">: unescaped, it must be inert too.
        let feed = try #require(site.read("feed.xml"))
        #expect(!feed.contains("<script"))
        let contents = feed.components(separatedBy: "<content type=\"html\">").dropFirst().map { $0.components(separatedBy: "</content>")[0] }
        #expect(!contents.isEmpty)
        for escaped in contents {
            let carried = escaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            #expect(ActiveContentScanner.scan(carried).isEmpty, "\(ActiveContentScanner.scan(carried))")
        }
    }

    @Test func frontMatterURLsWithScriptSchemesAreErrors() throws {
        let check = try RejectionCheck("javascript: and data: URLs in front matter")
        defer { check.cleanUp() }
        let errors = try check.expectRejected { site in
            try site.write("content/briefings/cto.md", """
                ---
                title: CTO
                team: CTO
                materials:
                  - title: Slides
                    url: "javascript:alert(1)"
                  - title: Mixed case
                    url: " JaVaScRiPt:alert(1)"
                  - title: Tab inside
                    url: "java\tscript:alert(1)"
                  - title: Data
                    url: "data:text/html;base64,PHNjcmlwdD4="
                  - title: VBScript
                    url: "vbscript:msgbox(1)"
                ---
                """)
            try site.write("content/meetings/call-1.md", "---\ntitle: Call 1\nmaterials: [{title: x, url: \"javascript:alert(1)\"}]\n---\n")
        }
        let disallowed = "error: 'url' uses a scheme that is not allowed (only http, https, mailto and relative links): "
        #expect(errors == [
            "content/briefings/cto.md:6:5: \(disallowed)javascript:alert(1)",
            "content/briefings/cto.md:8:5: \(disallowed) JaVaScRiPt:alert(1)",
            // Printed as an escape: a control character in a message never reaches the terminal.
            "content/briefings/cto.md:10:5: \(disallowed)java\\tscript:alert(1)",
            "content/briefings/cto.md:12:5: \(disallowed)data:text/html;base64,PHNjcmlwdD4=",
            "content/briefings/cto.md:14:5: \(disallowed)vbscript:msgbox(1)",
            "content/meetings/call-1.md:3:24: \(disallowed)javascript:alert(1)",
            // A file with errors is left out, so what refers to it is reported too.
            "content/recommendations/1.md:4:1: error: briefing 'cto' does not exist: no content/briefings/cto.md",
            "content/recommendations/1.md:8:5: error: meeting 'call-1' does not exist: no content/meetings/call-1.md",
        ])
    }
}
