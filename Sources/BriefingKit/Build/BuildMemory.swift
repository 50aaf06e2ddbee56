import Foundation

/// What one process keeps between builds of the same site: each content file's
/// decoding (by its text), each Markdown field's rendering (by its text, its
/// place and the link targets), the parsed templates (by their texts), each
/// question's fingerprint and rendered partial, and the export pieces (each by the
/// values it is made of). `briefing serve` rebuilds in one process, so an
/// edit re-reads and re-renders only what the edit touched; a lone `briefing
/// build` fills it and exits.
///
/// Only the last build's entries are kept, so memory stays the size of one site.
final class BuildMemory: @unchecked Sendable {
    static let shared = BuildMemory()

    struct Generation: Sendable {
        var decoded: [ContentLoader.Key: ContentLoader.Decoded] = [:]
        var markdown = MarkdownStage.Memory()
        /// The parsed templates (a theme knows the texts it was made from).
        var theme: Theme?
        /// Each question's fingerprint and `question` partial with `theme`, with what it was made of.
        var questions = QuestionPartials.Memory()
        /// The question records and search documents, with what they were written from.
        var exports = ExportMemory.Kept()
    }

    private let lock = NSLock()
    private var sites: [String: Generation] = [:]

    /// What the last build of this site left (empty the first time).
    func last(_ site: String) -> Generation {
        lock.withLock { sites[site] } ?? Generation()
    }

    func keep(_ generation: Generation, for site: String) {
        let replaced = lock.withLock { sites.updateValue(generation, forKey: site) }
        releaseInBackground(consume replaced)
    }

    func keep(questions: QuestionPartials.Memory, exports: ExportMemory.Kept, for site: String) {
        lock.withLock {
            sites[site]?.questions = questions
            sites[site]?.exports = exports
        }
    }

    /// Sites are told apart by everything that changes how their files decode and render.
    static func site(_ options: SiteBuilder.Options) -> String {
        [options.source.path, options.displaySource, options.baseURL ?? "-"].joined(separator: "\u{1}")
    }
}
