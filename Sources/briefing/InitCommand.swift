import ArgumentParser
import BriefingKit
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a minimal site in DIR that builds at once.",
        discussion: "Writes briefing.yml and one briefing team, recommendation, meeting and home page. Refuses to overwrite any file."
    )

    @Argument(help: "The new site's folder (created if missing).")
    var directory: String
    @Option(name: .long, help: "The site's title.")
    var title: String = "Briefing Materials"
    @Option(name: .long, help: "The review's short name, such as SSR2.")
    var review: String = "Review"

    func run() throws {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        let changes = SiteScaffold.files(.init(title: title, review: review, date: Scaffolder.today()))
        do {
            try ScaffoldWriter(root: root).apply(changes)
        } catch let error as ScaffoldError {
            Reporter(quiet: false).err("error: \(error)")
            throw ExitCode(1)
        }
        for change in changes { print("created \(directory)/\(change.path)") }
        print("""

        Next: briefing serve --source \(directory)    (preview with live reload)
              briefing build --source \(directory)    (the site goes to \(directory)/site/)
        """)
    }
}
