import Foundation

/// One file a scaffold adds or edits, with paths relative to the site's folder.
public enum ScaffoldChange: Equatable, Sendable {
    case create(path: String, text: String)
    /// Replaces a file whose text is still `old` with `new`.
    case edit(path: String, old: String, new: String)

    public var path: String {
        switch self {
        case .create(let p, _), .edit(let p, _, _): p
        }
    }
}

/// Why a scaffold was refused. Nothing is written when any of these is thrown.
public enum ScaffoldError: Error, Equatable, CustomStringConvertible {
    case exists(path: String)
    case changedMeanwhile(path: String)
    case recommendationExists(number: Int, path: String)
    case noRecommendation(number: Int)
    case unknownBriefing(slug: String, known: [String])
    case unknownMeeting(slug: String, known: [String])
    case meetingExists(slug: String)
    case meetingNumberTaken(number: Int, by: String)
    case badSlug(String)
    case badNumber(Int)
    /// The next number after the largest one taken does not fit in an Int.
    case noNumberAfter(String)
    case questionsNotABlockList(path: String, line: Int)
    case fileHasErrors(path: String, diagnostics: [String])
    case editWouldBreak(path: String, diagnostics: [String])
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .exists(let p):
            "\(p) already exists; a scaffold never overwrites a file"
        case .changedMeanwhile(let p):
            "\(p) changed while the scaffold was being made; run the command again"
        case .recommendationExists(let n, let p):
            "recommendation \(n) already exists (\(p)); leave out the number to take the next free one"
        case .noRecommendation(let n):
            "there is no recommendation \(n); create it first with 'briefing new recommendation \(n) --briefing SLUG'"
        case .unknownBriefing(let s, let known):
            "no briefing team has the slug '\(s)'" + (known.isEmpty ? "; add one in content/briefings/ first" : "; known: " + known.joined(separator: ", "))
        case .unknownMeeting(let s, let known):
            "no meeting has the slug '\(s)'" + (known.isEmpty ? "" : "; known: " + known.joined(separator: ", "))
        case .meetingExists(let s):
            "meeting '\(s)' already exists (content/meetings/\(s).md)"
        case .meetingNumberTaken(let n, let by):
            "meeting number \(n) is taken by '\(by)'"
        case .badSlug(let s):
            "'\(s)' is not a valid slug: use lower-case letters, digits and '-' (\(SourceTree.slugPattern))"
        case .badNumber(let n):
            "\(n) is not a positive number"
        case .noNumberAfter(let what):
            "no number is left after \(what); give one explicitly"
        case .questionsNotABlockList(let p, let line):
            "\(p):\(line): 'questions' is not written as a block list ('  - id: ...'); add the question by hand"
        case .fileHasErrors(let p, let d):
            "\(p) has errors; fix them first:\n" + d.joined(separator: "\n")
        case .editWouldBreak(let p, let d):
            "adding the question would break \(p), so it was left alone:\n" + d.joined(separator: "\n")
        case .cannotWrite(let p, let reason):
            "cannot write \(p): \(reason)"
        }
    }
}

/// Applies scaffold changes to a site's folder, all or nothing as far as the file
/// system allows: every check runs before the first write.
public struct ScaffoldWriter: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public func apply(_ changes: [ScaffoldChange]) throws {
        let fm = FileManager.default
        for change in changes {
            let url = root.appendingPathComponent(change.path)
            switch change {
            case .create:
                if fm.fileExists(atPath: url.path) { throw ScaffoldError.exists(path: change.path) }
            case .edit(_, let old, _):
                guard let data = fm.contents(atPath: url.path), String(decoding: data, as: UTF8.self) == old else {
                    throw ScaffoldError.changedMeanwhile(path: change.path)
                }
            }
        }
        for change in changes {
            let url = root.appendingPathComponent(change.path)
            do {
                switch change {
                case .create(_, let text):
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    // Exclusive create: a file that appeared since the check above is not replaced.
                    try Data(text.utf8).write(to: url, options: .withoutOverwriting)
                case .edit(_, _, let new):
                    try Data(new.utf8).write(to: url, options: .atomic)
                }
            } catch let error as ScaffoldError {
                throw error
            } catch {
                if fm.fileExists(atPath: url.path), case .create = change { throw ScaffoldError.exists(path: change.path) }
                throw ScaffoldError.cannotWrite(path: change.path, reason: (error as NSError).localizedDescription)
            }
        }
    }
}
