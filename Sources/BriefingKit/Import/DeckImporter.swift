import Foundation

public struct ImportOptions: Sendable {
    /// The site folder; files go under its `content/`.
    public var siteDirectory: URL
    /// Overrides the meeting slug derived from the agenda slide.
    public var meetingSlug: String?
    public var force: Bool
    public var dryRun: Bool

    public init(siteDirectory: URL, meetingSlug: String? = nil, force: Bool = false, dryRun: Bool = false) {
        self.siteDirectory = siteDirectory
        self.meetingSlug = meetingSlug
        self.force = force
        self.dryRun = dryRun
    }
}

/// What an import found and did.
public struct ImportReport: Sendable {
    public var deck: Deck
    public var warnings: [ImportWarning]
    /// The meeting the imported questions and briefings refer to, if any.
    public var meetingSlug: String?
    public var files: [PlannedFile]
    /// Paths written, relative to the site folder (empty for a dry run).
    public var written: [String]
    /// Existing files a real run would refuse to replace without --force (dry runs only;
    /// a real run throws instead).
    public var refused: [String]

    public var summary: String {
        var parts = [
            count(deck.teams.count, "team"),
            count(deck.recommendations.count, "recommendation"),
            count(deck.questions.count, "question"),
        ]
        if let meetingSlug, deck.meeting != nil { parts.append("meeting \(meetingSlug)") }
        let pages = deck.slides.count + (deck.overview == nil ? 0 : 1)
        if pages > 0 { parts.append(count(pages, "page")) }
        return parts.joined(separator: ", ")
    }

    private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

/// `briefing import`: deck file → content files. Read → Parse → Render → Plan → Write;
/// each stage is usable on its own, and nothing is written until every check passed.
public enum DeckImporter {
    /// The pure part: deck bytes → what the deck says and the files it becomes.
    public static func convert(_ data: Data, path: String, meetingSlug: String? = nil) throws
        -> (deck: Deck, warnings: [ImportWarning], files: [ImportedFile])
    {
        if let meetingSlug, !DeckSlug.isValid(meetingSlug) { throw ImportError.invalidMeetingSlug(meetingSlug) }
        let text = try DeckReader.read(data, path: path)
        let (deck, warnings) = DeckParser.parse(text)
        guard deck.hasStructure else { throw ImportError.noStructure(path: path) }
        let files = DeckContentRenderer.files(for: deck, meetingSlug: meetingSlug ?? deck.meeting?.slug)
        for file in files { try ImportedFrontMatter.verify(file, deck: deck) }
        // Stable by line: two guesses about one line keep the order they were made in.
        let ordered = warnings.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        return (deck, ordered, files)
    }

    public static func run(deckAt url: URL, options: ImportOptions) throws -> ImportReport {
        if let slug = options.meetingSlug, !DeckSlug.isValid(slug) { throw ImportError.invalidMeetingSlug(slug) }
        let data = try DeckReader.data(at: url)
        let (deck, found, files) = try convert(data, path: url.path, meetingSlug: options.meetingSlug)
        var warnings = found
        let meetingSlug = options.meetingSlug ?? deck.meeting?.slug
        let plan = try ImportedFileWriter.plan(files, siteDirectory: options.siteDirectory)
        if let meetingSlug, deck.meeting == nil {
            let meetingFile = options.siteDirectory.appendingPathComponent("content/meetings/\(meetingSlug).md")
            if !FileManager.default.fileExists(atPath: meetingFile.path) {
                warnings.append(ImportWarning(line: 0, "the deck has no agenda slide and content/meetings/\(meetingSlug).md "
                    + "does not exist; the build will reject 'asked: \(meetingSlug)' until it does"))
            }
        }
        let refused = options.force ? [] : plan.filter { $0.action == .overwrite }.map(\.path)
        if options.dryRun {
            return ImportReport(deck: deck, warnings: warnings, meetingSlug: meetingSlug, files: plan, written: [], refused: refused)
        }
        if !refused.isEmpty { throw ImportError.wouldOverwrite(paths: refused) }
        let written = try ImportedFileWriter.write(plan, siteDirectory: options.siteDirectory)
        return ImportReport(deck: deck, warnings: warnings, meetingSlug: meetingSlug, files: plan, written: written, refused: [])
    }
}
