import Foundation
@testable import BriefingKit

/// A small site with every status, two teams, dated and undated answers and
/// meetings, and text that needs quoting in CSV and escaping in XML.
enum ReadersSite {
    static func make(_ extra: [String: String] = [:]) throws -> TempSite {
        var files = [
            "briefing.yml": "title: Test Review\nbase_url: https://example.org/review/\nreview: SSR2\nlanguage: en-GB\n",
            "content/briefings/cto.md": "---\ntitle: CTO Briefing\nteam: CTO\norder: 1\nmeeting: call-1\n---\nThe CTO team.\n",
            "content/briefings/gdd.md": "---\ntitle: GDD Briefing\nteam: GDD\norder: 2\n---\nThe GDD team.\n",
            "content/meetings/call-1.md": "---\ntitle: Call 1\ndate: 2017-09-07\ndecisions:\n  - Adopt the escrow plan\n---\n1. Welcome\n2. Registry data\n",
            "content/meetings/call-2.md": "---\ntitle: Call 2 <& friends>\ndate: 2018-01-15\n---\nNotes on data escrow.\n",
            "content/meetings/call-x.md": "---\ntitle: Undated call\n---\nNo date yet.\n",
            "content/recommendations/1.md": """
            ---
            number: 1
            title: Remit, "mission" & scope
            briefing: cto
            questions:
              - id: "1.1"
                text: What changed in the remit?
                status: answered
                asked: call-1
                answer: |
                  The remit was rewritten; see [[2]].
                answered: 2018-03-02
              - id: "1.2"
                text: |
                  First paragraph, with "quotes".

                  Second paragraph about registry operators.
                asked: call-1
              - id: "1.3"
                text: Is this still relevant?
                status: withdrawn
            ---
            ICANN should publish a statement of its remit.
            """,
            "content/recommendations/2.md": """
            ---
            number: 2
            title: Escrow
            briefing: gdd
            questions:
              - id: "2.1"
                text: How is data escrow audited?
                status: answered
                answer: By an annual audit.
                answered: 2018-01-15
              - id: "2.2"
                text: Who holds the keys?
                status: answered
                answer: Undated answer.
              - id: "2.3"
                text: What about registrars?
            ---
            ICANN should audit data escrow.
            """,
        ]
        for (k, v) in extra { files[k] = v }
        return try TempSite(files)
    }
}

extension TempSite {
    /// Every file of the built output, as the link checker sees them.
    func outputFiles() throws -> [OutputFile] {
        let fm = FileManager.default
        let base = output.standardizedFileURL.path + "/"
        var files: [OutputFile] = []
        let walker = fm.enumerator(at: output, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count))
            files.append(OutputFile(path: path, bytes: [UInt8](try Data(contentsOf: url))))
        }
        return files.sorted { $0.path < $1.path }
    }
}
