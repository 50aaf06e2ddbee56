/// Why an import stopped. Every case means nothing was written (except
/// `writeFailed`, which names what was already on disk).
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notText(path: String, reason: String)
    case noStructure(path: String)
    case siteMissing(path: String)
    case wouldOverwrite(paths: [String])
    case unsafeTarget(path: String, reason: String)
    case invalidMeetingSlug(String)
    case generatedInvalidYAML(path: String, reason: String)
    case writeFailed(path: String, reason: String, written: [String])

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): cannot read the deck: \(reason)"
        case let .notText(path, reason):
            return "\(path): not a text file (\(reason)); export the slides as UTF-8 text first, e.g. with pdftotext"
        case let .noStructure(path):
            return "\(path): no briefing structure found: no team header (\"SSR1 CTO Briefing\"), "
                + "recommendation (\"Rec 4\"), question (\"4.1 Q:\") or agenda slide"
        case let .siteMissing(path):
            return "\(path): the site folder does not exist"
        case let .wouldOverwrite(paths):
            let list = paths.map { "  \($0)" }.joined(separator: "\n")
            return "refusing to overwrite \(paths.count) existing file(s); nothing was written "
                + "(use --force to replace them, --dry-run to preview):\n\(list)"
        case let .unsafeTarget(path, reason):
            return "\(path): refusing to write: \(reason)"
        case let .invalidMeetingSlug(slug):
            return "meeting slug '\(slug)' is not of the form [a-z0-9][a-z0-9-]* (e.g. plenary-41)"
        case let .generatedInvalidYAML(path, reason):
            return "\(path): the importer produced front matter that does not read back (\(reason)); "
                + "this is a bug in the importer, nothing was written"
        case let .writeFailed(path, reason, written):
            let done = written.isEmpty ? "nothing was written" : "already written: \(written.joined(separator: ", "))"
            return "\(path): cannot write: \(reason); \(done)"
        }
    }

    /// Whether the fault is in how the command was called rather than in the content.
    public var isUsageError: Bool {
        if case .invalidMeetingSlug = self { return true }
        return false
    }
}
