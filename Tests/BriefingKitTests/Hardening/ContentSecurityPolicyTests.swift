import Foundation
import Testing
@testable import BriefingKit

/// The default theme declares `script-src 'self'; style-src 'self'` and must live by
/// it: every page of a real site loads scripts only from files and has no inline
/// script, no `<style>` element and no `style=` attribute.
@Suite struct ContentSecurityPolicyTests {
    static let policy = #"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self';"#

    func expectThemeKeepsItsPolicy(_ files: [OutputFile], _ label: String, baseURL: String) {
        let pages = files.filter { $0.path.hasSuffix(".html") }
        #expect(pages.count > 5, "\(label): too few pages")
        for page in pages {
            let html = String(decoding: page.bytes, as: UTF8.self)
            #expect(html.contains(Self.policy), "\(label) \(page.path): no Content-Security-Policy")
            #expect(ActiveContentScanner.scan(html).isEmpty, "\(label) \(page.path): \(ActiveContentScanner.scan(html))")
            // Scripts come from the site itself: by a relative path, or under base_url (404.html).
            for src in Self.scriptSources(html) {
                let local = !src.contains(":") && !src.hasPrefix("//")
                #expect(local || src.hasPrefix(baseURL), "\(label) \(page.path): script from elsewhere: \(src)")
            }
        }
    }

    static func scriptSources(_ html: String) -> [String] {
        html.components(separatedBy: "<script src=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func theRepositorysSiteSatisfiesIt() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-csp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = SiteBuilder(.init(source: Repository.root, displaySource: "", output: out)).make()
        #expect(result.succeeded, "\(result.errorLines)")
        expectThemeKeepsItsPolicy(result.files, "SSR1 site", baseURL: "https://ssr2.example.org/")
    }

    @Test func aFixtureSiteSatisfiesIt() throws {
        let site = try TempSite.minimal([
            "content/pages/about.md": "---\ntitle: About\n---\n# Heading\n\n> quoted [[1.1]]\n\n    code\n",
            "content/pages/index.md": "---\ntitle: Home\n---\nWelcome.\n",
        ])
        defer { site.cleanUp() }
        let result = site.check()
        #expect(result.succeeded, "\(result.lines)")
        expectThemeKeepsItsPolicy(result.files, "fixture site", baseURL: "https://example.org/review/")
        // Every script a page names exists in the site.
        let paths = Set(result.files.map(\.path))
        for page in result.files where page.path.hasSuffix(".html") {
            let dir = URL(fileURLWithPath: "/site/" + page.path).deletingLastPathComponent()
            for src in Self.scriptSources(String(decoding: page.bytes, as: UTF8.self)) where !src.hasPrefix("https:") {
                let target = dir.appendingPathComponent(src).standardizedFileURL.path
                #expect(target.hasPrefix("/site/") && paths.contains(String(target.dropFirst(6))), "\(page.path): \(src) is not in the site")
            }
        }
    }
}
