import ArgumentParser
import BriefingKit
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Scaffold a content file with the next free id; never overwrites.",
        subcommands: [NewRecommendation.self, NewQuestion.self, NewMeeting.self]
    )
}

struct NewRecommendation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommendation",
        abstract: "Create content/recommendations/N.md for a briefing team."
    )

    @Argument(help: "The recommendation's number (default: the next free one).")
    var number: Int?
    @Option(name: .long, help: "Slug of the briefing team (a file in content/briefings/).")
    var briefing: String
    @Option(name: .long, help: "Short title (default: \"Recommendation N\").")
    var title: String?
    @OptionGroup var source: SourceOption

    func run() throws {
        try Scaffolding.run(source) { try $0.recommendation(number: number, briefing: briefing, title: title) }
    }
}

struct NewQuestion: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "question",
        abstract: "Add the next question (N.k) to recommendation N's front matter.",
        discussion: "Only the new entry is added: the rest of the file stays byte for byte as it was."
    )

    @Argument(help: "The recommendation's number.")
    var number: Int
    @Option(name: .long, help: "The question's Markdown text (default: a placeholder to edit).")
    var text: String?
    @Option(name: .long, help: "Slug of the meeting it was asked at.")
    var asked: String?
    @OptionGroup var source: SourceOption

    func run() throws {
        try Scaffolding.run(source) { try $0.question(recommendation: number, text: text, asked: asked) }
    }
}

struct NewMeeting: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Create content/meetings/SLUG.md.",
        discussion: "The number is the slug's trailing number when free (plenary-42 → 42), else the next after the highest."
    )

    @Argument(help: "The meeting's slug, such as plenary-42.")
    var slug: String
    @Option(name: .long, help: "Title (default: from the slug, \"Plenary 42\").")
    var title: String?
    @Option(name: .long, help: "Meeting number (default: see above).")
    var number: Int?
    @Option(name: .long, help: "ISO date, such as 2017-09-07 (default: today).")
    var date: String?
    @OptionGroup var source: SourceOption

    func validate() throws {
        if let date, Day(date) == nil { throw ValidationError("--date must be an ISO date such as 2017-09-07") }
    }

    func run() throws {
        try Scaffolding.run(source) { try $0.meeting(slug: slug, title: title, number: number, date: date ?? Scaffolder.today()) }
    }
}

/// Plans against the site, writes, and reports in the `path:line` form editors open.
enum Scaffolding {
    static func run(_ source: SourceOption, _ plan: (Scaffolder) throws -> Scaffolder.Planned) throws {
        let reporter = Reporter(quiet: false)
        do {
            let planned = try plan(Scaffolder(root: source.url))
            try ScaffoldWriter(root: source.url).apply(planned.changes)
            let verb = planned.changes.contains { if case .edit = $0 { true } else { false } } ? "added" : "created"
            let prefix = source.source == "." ? "" : (source.source.hasSuffix("/") ? source.source : source.source + "/")
            print("\(verb) \(planned.id) at \(prefix)\(planned.location)")
        } catch let error as ScaffoldError {
            reporter.err("error: \(error)")
            throw ExitCode(1)
        }
    }
}
