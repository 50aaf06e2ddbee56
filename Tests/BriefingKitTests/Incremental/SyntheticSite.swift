import Foundation
@testable import BriefingKit

/// A small, deterministic site with every cross-reference kind: answered and
/// open questions, repeated questions, backlinks, meetings with action items,
/// free pages. The incremental and fast-path tests edit copies of it.
enum SyntheticSite {
    static func files(recommendations: Int = 6, questions: Int = 3) -> [String: String] {
        var files: [String: String] = [
            "briefing.yml": "title: Synthetic Review\nreview: SSR9\nbase_url: https://example.org/ssr9/\n",
            "content/briefings/alpha.md": "---\ntitle: Alpha Briefing\nteam: Alpha & Co\nmeeting: call-1\norder: 1\n---\nAlpha team, see [[call-2]] and Rec 1.\n",
            "content/briefings/beta.md": "---\ntitle: Beta Briefing\nteam: Beta\nmeeting: call-2\norder: 2\nmaterials:\n  - title: Slides\n    url: https://example.org/slides.pdf\n---\nBeta team <em>briefing</em>.\n",
            "content/meetings/call-1.md": """
            ---
            title: Call 1
            number: 1
            date: 2017-09-07
            attendees: [Ann, Bob]
            decisions:
              - Adopt [[1.1]] as written.
            action_items:
              - id: A1
                text: Follow up on Rec 2.
                owner: Ann
                due: 2017-10-01
            ---
            1. Welcome
            """,
            "content/meetings/call-2.md": "---\ntitle: Call 2\nnumber: 2\ndate: 2017-10-07\n---\nAgenda: [[alpha]].\n",
            "content/pages/index.md": "---\ntitle: Home\n---\nWelcome. Start with [[questions-guide]].\n",
            "content/pages/questions-guide.md": "---\ntitle: Questions guide\n---\nHow to read [[2.1]] and `[[not a link]]`.\n",
        ]
        for n in 1...recommendations {
            var text = "---\nnumber: \(n)\ntitle: \"Recommendation \(n) <title> & 'quotes'\"\nbriefing: \(n % 2 == 0 ? "beta" : "alpha")\n"
            if n % 3 == 0 { text += "implementation: partial\nfocus_area: Focus \(n)\n" }
            text += "questions:\n"
            for q in 1...questions {
                let status = ["open", "answered", "withdrawn"][(n + q) % 3]
                text += "  - id: \"\(n).\(q)\"\n    status: \(status)\n"
                text += q == questions ? "    text: What is the same question?\n" : "    text: |\n      Question \(n).\(q) about Rec \(n % recommendations + 1) and [[call-1]].\n"
                if status == "answered" {
                    text += "    answered: 2017-09-\(10 + q)\n    answer: |\n      An answer with *emphasis* and a link to [[\(n).1]].\n\n      # Heading\n\n      Second paragraph.\n"
                }
                if q == 1 { text += "    asked: call-\(n % 2 + 1)\n" }
            }
            text += "---\nBody of recommendation \(n), see Recommendation \(n % recommendations + 1).\n"
            files["content/recommendations/\(n).md"] = text
        }
        return files
    }
}
