import ArgumentParser
import BriefingKit
import Foundation

/// `briefing import SLIDES.txt`: wires the arguments to `DeckImporter` and reports.
/// Everything the import decides lives in BriefingKit/Import.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn the text of a briefing slide deck into content files.",
        discussion: """
            Reads the deck as UTF-8 text (for example from `pdftotext slides.pdf`) and writes \
            recommendation, briefing, meeting and page files under SITE_DIR/content/. Existing \
            files are never replaced without --force. Every guess is printed as a warning with \
            the deck line that prompted it. See docs/import.md.
            """
    )

    @Argument(help: "The slide deck as text.", completion: .file())
    var slides: String

    @Option(name: .long, help: "The site folder; files go under its content/.")
    var into: String = "."

    @Option(name: .long, help: "Slug of the meeting the questions were asked at (default: from the agenda slide, e.g. plenary-41).")
    var meeting: String?

    @Flag(name: .long, help: "Replace existing files.")
    var force = false

    @Flag(name: .customLong("dry-run"), help: "Print the files that would be written; write nothing.")
    var dryRun = false

    func validate() throws {
        if let meeting, meeting.wholeMatch(of: /[a-z0-9][a-z0-9-]*/) == nil {
            throw ValidationError("--meeting must be a slug such as plenary-41 (lower-case letters, digits and '-')")
        }
    }

    func run() throws {
        let options = ImportOptions(
            siteDirectory: URL(fileURLWithPath: into, isDirectory: true),
            meetingSlug: meeting, force: force, dryRun: dryRun)
        let report: ImportReport
        do {
            report = try DeckImporter.run(deckAt: URL(fileURLWithPath: slides), options: options)
        } catch let error as ImportError {
            if error.isUsageError { throw ValidationError(error.description) }
            err("error: \(error)")
            throw ExitCode(1)
        }
        for warning in report.warnings {
            err(warning.line > 0 ? "\(slides):\(warning.line): warning: \(warning.message)" : "\(slides): warning: \(warning.message)")
        }
        if dryRun {
            for file in report.files {
                print("==> \(file.path) (\(describe(file.action))) <==")
                print(file.text)
            }
        }
        let content = (into as NSString).appendingPathComponent("content")
        let changed = report.files.filter { $0.action != .unchanged }.count
        let unchanged = report.files.count - changed
        let verb = dryRun ? "would write" : "wrote"
        let count = dryRun ? changed : report.written.count
        err("\(slides): \(report.summary); \(verb) \(count) file(s) under \(content)"
            + (unchanged > 0 ? " (\(unchanged) unchanged)" : ""))
        if !report.refused.isEmpty {
            err("error: \(ImportError.wouldOverwrite(paths: report.refused))")
            throw ExitCode(1)
        }
    }

    private func describe(_ action: PlannedFile.Action) -> String {
        switch action {
        case .create: return "new"
        case .overwrite: return force ? "replaces the existing file" : "exists; needs --force"
        case .unchanged: return "unchanged"
        }
    }

    private func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
