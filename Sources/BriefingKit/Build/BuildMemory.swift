import Foundation

/// What one process keeps between builds of the same site: each content file's
/// decoding (by its text), each Markdown field's rendering (by its text, its
/// place and the link targets), the parsed templates (by their texts), each
/// question's fingerprint and rendered partial (by the values it is made of)
/// and the exports' pieces (by the values each was written from). `briefing
/// serve` rebuilds in one process, so an edit re-reads and re-renders only what
/// the edit touched; a lone `briefing build` keeps nothing.
///
/// Only the last build's entries are kept, so memory stays the size of one site.
final class BuildMemory: @unchecked Sendable {
    static let shared = BuildMemory()

    struct Generation: Sendable {
        var decoded: [ContentLoader.Key: ContentLoader.Decoded] = [:]
        var markdown: [MarkdownStage.Key: MarkdownResult] = [:]
        /// The parsed templates (a theme knows the texts it was made from).
        var theme: Theme?
        /// Each question's fingerprint and `question` partial with `theme`, by what it was made of.
        var questions: [QuestionView: QuestionPartials.Entry] = [:]
        /// The exports' pieces, by what each was written from.
        var exportPieces: [ExportPieces.Key: [UInt8]] = [:]
    }

    private let lock = NSLock()
    private var sites: [String: Generation] = [:]

    /// What the last build of this site left (empty the first time).
    func last(_ site: String) -> Generation {
        lock.withLock { sites[site] } ?? Generation()
    }

    func keep(_ generation: Generation, for site: String) {
        lock.withLock { sites[site] = generation }
    }

    /// What the render stage made, once the build has written it.
    func keep(questions: [QuestionView: QuestionPartials.Entry], exportPieces: [ExportPieces.Key: [UInt8]], for site: String) {
        lock.withLock {
            sites[site]?.questions = questions
            sites[site]?.exportPieces = exportPieces
        }
    }

    /// Sites are told apart by everything that changes how their files decode and render.
    static func site(_ options: SiteBuilder.Options) -> String {
        [options.source.path, options.displaySource, options.baseURL ?? "-"].joined(separator: "\u{1}")
    }
}
