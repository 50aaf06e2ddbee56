import Foundation
import Testing
@testable import BriefingKit

/// `briefing new …` against a copy of the repository's own content.
@Suite struct ScaffolderTests {
    func build(_ root: URL) -> SiteBuilder.Result {
        SiteBuilder(.init(source: root, displaySource: "", output: root.appendingPathComponent("site"))).make()
    }

    @Test func newQuestionTakesTheNextIdAndLeavesEveryOtherByteAlone() throws {
        let site = try RepositoryCopy()
        defer { site.cleanUp() }
        let path = "content/recommendations/11.md"
        let before = try #require(site.text(path))
        let used = before.split(separator: "\n").compactMap { line in
            line.hasPrefix("  - id: \"11.") ? Int(line.dropFirst(12).dropLast()) : nil
        }
        let next = "11.\(try #require(used.max()) + 1)"
        let planned = try Scaffolder(root: site.root).question(recommendation: 11, text: "Who measures **abuse**?", asked: "plenary-41")
        #expect(planned.id == next)
        try ScaffoldWriter(root: site.root).apply(planned.changes)
        let after = try #require(site.text(path))

        // The file is the old one with the new entry spliced in after its last question.
        let added = """
          - id: "\(next)"
            text: |
              Who measures **abuse**?
            status: open
            asked: plenary-41

        """
        let split = try #require(before.range(of: "---\nICANN should"))
        #expect(after == before[..<split.lowerBound] + added + before[split.lowerBound...])
        #expect(planned.location == "\(path):\(after.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"\(next)\"") }! + 1)")

        let result = build(site.root)
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.errors)")
        let html = String(decoding: try #require(result.files.first { $0.path == "recommendations/11/index.html" }).bytes, as: UTF8.self)
        #expect(html.contains("id=\"q\(next)\""))
        #expect(html.contains("<strong>abuse</strong>"))
    }

    @Test func newQuestionStartsAListWhereThereIsNone() throws {
        let site = try RepositoryCopy()
        defer { site.cleanUp() }
        let rec = try Scaffolder(root: site.root).recommendation(number: nil, briefing: "cto", title: nil)
        try ScaffoldWriter(root: site.root).apply(rec.changes)
        let q = try Scaffolder(root: site.root).question(recommendation: Int(rec.id)!, text: nil, asked: nil)
        #expect(q.id == "\(rec.id).1")
        try ScaffoldWriter(root: site.root).apply(q.changes)
        let q2 = try Scaffolder(root: site.root).question(recommendation: Int(rec.id)!, text: "Second?", asked: nil)
        #expect(q2.id == "\(rec.id).2")
        try ScaffoldWriter(root: site.root).apply(q2.changes)
        #expect(build(site.root).diagnostics.errors.isEmpty)
    }

    @Test func newQuestionRefusals() throws {
        let site = try RepositoryCopy()
        defer { site.cleanUp() }
        let scaffolder = Scaffolder(root: site.root)
        #expect(throws: ScaffoldError.noRecommendation(number: 99)) {
            try scaffolder.question(recommendation: 99, text: nil, asked: nil)
        }
        #expect(throws: ScaffoldError.unknownMeeting(slug: "plenary-99", known: ["plenary-41"])) {
            try scaffolder.question(recommendation: 11, text: nil, asked: "plenary-99")
        }
        // A file edited between planning and writing is not overwritten.
        let planned = try scaffolder.question(recommendation: 1, text: nil, asked: nil)
        try Data("changed\n".utf8).write(to: site.root.appendingPathComponent("content/recommendations/1.md"))
        #expect(throws: ScaffoldError.changedMeanwhile(path: "content/recommendations/1.md")) {
            try ScaffoldWriter(root: site.root).apply(planned.changes)
        }
        #expect(site.text("content/recommendations/1.md") == "changed\n")
    }

    @Test func newRecommendationTakesTheNextFreeNumberAndBuilds() throws {
        let site = try RepositoryCopy()
        defer { site.cleanUp() }
        let planned = try Scaffolder(root: site.root).recommendation(number: nil, briefing: "cto", title: "Root zone: KSK rollover")
        #expect(planned.id == "28")
        #expect(planned.changes == [.create(path: "content/recommendations/28.md", text: ContentScaffolds.recommendation(
            number: 28, title: "Root zone: KSK rollover", briefing: "cto"))])
        #expect(ContentScaffolds.recommendation(number: 28, title: "Root zone: KSK rollover", briefing: "cto")
            .hasPrefix("---\nnumber: 28\ntitle: \"Root zone: KSK rollover\"\nbriefing: cto\n"))
        try ScaffoldWriter(root: site.root).apply(planned.changes)
        let result = build(site.root)
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.errors)")
        #expect(result.files.contains { $0.path == "recommendations/28/index.html" })

        // A gap is fine when asked for by number.
        #expect(try Scaffolder(root: site.root).recommendation(number: 18, briefing: "gdd", title: nil).id == "18")
    }

    @Test func newRecommendationRefusals() throws {
        let site = try RepositoryCopy()
        defer { site.cleanUp() }
        let scaffolder = Scaffolder(root: site.root)
        #expect(throws: ScaffoldError.recommendationExists(number: 11, path: "content/recommendations/11.md")) {
            try scaffolder.recommendation(number: 11, briefing: "gdd", title: nil)
        }
        #expect(throws: ScaffoldError.self) { try scaffolder.recommendation(number: nil, briefing: "nobody", title: nil) }
        #expect(throws: ScaffoldError.badNumber(0)) { try scaffolder.recommendation(number: 0, briefing: "cto", title: nil) }
        // The writer itself never replaces a file, whatever the plan says.
        let before = site.text("content/recommendations/11.md")
        #expect(throws: ScaffoldError.exists(path: "content/recommendations/11.md")) {
            try ScaffoldWriter(root: site.root).apply([
                .create(path: "content/recommendations/50.md", text: "x"),
                .create(path: "content/recommendations/11.md", text: "x"),
            ])
        }
        #expect(site.text("content/recommendations/11.md") == before)
        #expect(site.text("content/recommendations/50.md") == nil, "nothing is written when any file exists")
    }

    /// The largest Int is a number the build accepts, and has no next one: an error, not a trap.
    @Test func noNextNumberAfterTheLargestIsAnError() throws {
        let site = try RepositoryCopy()
        defer { site.cleanUp() }
        try site.write("content/recommendations/\(Int.max).md",
                       "---\nnumber: \(Int.max)\ntitle: Last\nbriefing: cto\nquestions:\n  - id: \"\(Int.max).\(Int.max)\"\n    text: Q\n---\nText.\n")
        let scaffolder = Scaffolder(root: site.root)
        #expect(throws: ScaffoldError.noNumberAfter("recommendation \(Int.max)")) {
            try scaffolder.recommendation(number: nil, briefing: "cto", title: nil)
        }
        #expect(throws: ScaffoldError.noNumberAfter("question \(Int.max).\(Int.max)")) {
            try scaffolder.question(recommendation: Int.max, text: "Why?", asked: nil)
        }
    }

    @Test func newMeetingNumbersFromTheSlugOrTheNextFree() throws {
        let site = try RepositoryCopy()
        defer { site.cleanUp() }
        let planned = try Scaffolder(root: site.root).meeting(slug: "plenary-42", title: nil, number: nil, date: "2017-09-14")
        #expect(planned.changes == [.create(path: "content/meetings/plenary-42.md", text: """
            ---
            title: Plenary 42
            number: 42
            date: 2017-09-14
            attendees: []
            action_items: []
            ---
            ## Agenda

            1. Welcome, roll call
            2. AOB

            """)])
        try ScaffoldWriter(root: site.root).apply(planned.changes)
        #expect(build(site.root).diagnostics.errors.isEmpty)

        let scaffolder = Scaffolder(root: site.root)
        #expect(try scaffolder.meeting(slug: "workshop", title: nil, number: nil, date: nil).changes.first
            .map { if case .create(_, let t) = $0 { t.contains("number: 43\n") } else { false } } == true)
        #expect(throws: ScaffoldError.meetingExists(slug: "plenary-41")) {
            try scaffolder.meeting(slug: "plenary-41", title: nil, number: nil, date: nil)
        }
        #expect(throws: ScaffoldError.meetingNumberTaken(number: 41, by: "plenary-41")) {
            try scaffolder.meeting(slug: "extra", title: nil, number: 41, date: nil)
        }
        #expect(throws: ScaffoldError.badSlug("Plenary 43")) {
            try scaffolder.meeting(slug: "Plenary 43", title: nil, number: nil, date: nil)
        }
    }
}

/// `briefing init DIR`.
@Suite struct SiteScaffoldTests {
    @Test func aNewSiteBuildsWithoutErrorsOrWarnings() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-init-\(UUID().uuidString)/team-site")
        defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
        let files = SiteScaffold.files(.init(title: "RDS Briefings", review: "RDS-WHOIS2", date: "2018-01-30"))
        #expect(files.map(\.path) == [
            "briefing.yml", "content/briefings/example.md", "content/recommendations/1.md",
            "content/meetings/first-meeting.md", "content/pages/index.md",
        ])
        try ScaffoldWriter(root: root).apply(files)

        let result = SiteBuilder(.init(source: root, displaySource: "", output: root.appendingPathComponent("site"))).build()
        #expect(result.diagnostics.all.isEmpty, "\(result.diagnostics.sorted)")
        #expect(result.succeeded)
        let home = try String(contentsOf: root.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(home.contains("RDS Briefings"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/recommendations/1/index.html").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/meetings/first-meeting/index.html").path))

        // Running it again refuses and changes nothing.
        let config = try Data(contentsOf: root.appendingPathComponent("briefing.yml"))
        #expect(throws: ScaffoldError.exists(path: "briefing.yml")) {
            try ScaffoldWriter(root: root).apply(SiteScaffold.files(.init(title: "Other")))
        }
        #expect(try Data(contentsOf: root.appendingPathComponent("briefing.yml")) == config)
    }
}
