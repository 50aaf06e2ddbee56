import BriefingKit

/// Adds the live-reload client to an HTML page on its way to the browser.
///
/// The tag goes in only when the server answers, never into the built files:
/// `briefing build` output stays free of development code. The site's CSP allows
/// `script-src 'self'` only, so the client is a same-origin file, and the state
/// it starts from travels as a JSON data block, which a browser does not execute.
enum ReloadInjection {
    static let scriptPath = "/__briefing/reload.js"
    static let stylePath = "/__briefing/overlay.css"
    static let eventsPath = "/__briefing/events"
    static let stateElementID = "briefing-serve-failure"

    /// The markup put before `</body>`.
    static func tags(for status: SiteStatus) -> String {
        var out = "<script src=\"\(scriptPath)\" data-site=\"\(status.siteID)\"></script>"
        if let failure = status.failure {
            // A page loaded while the latest build is broken shows the overlay at once,
            // before the events stream has even connected.
            out += "<script type=\"application/json\" id=\"\(stateElementID)\">\(DiagnosticJSON.array(failure))</script>"
        }
        return out
    }

    /// The page with `tags` before its last `</body>` (any case), or at its end when it has none.
    static func inject(_ tags: String, into html: [UInt8]) -> [UInt8] {
        let insert = Array(tags.utf8)
        guard let at = lastClosingBody(in: html) else { return html + insert }
        var out = [UInt8]()
        out.reserveCapacity(html.count + insert.count)
        out += html[..<at]
        out += insert
        out += html[at...]
        return out
    }

    static func lastClosingBody(in html: [UInt8]) -> Int? {
        let needle = Array("</body".utf8)
        guard html.count >= needle.count else { return nil }
        var i = html.count - needle.count
        while i >= 0 {
            var match = true
            for j in 0..<needle.count {
                var c = html[i + j]
                if c >= 65 && c <= 90 { c += 32 }
                if c != needle[j] { match = false; break }
            }
            if match { return i }
            i -= 1
        }
        return nil
    }
}
