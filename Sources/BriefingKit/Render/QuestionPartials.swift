import Foundation
import Mustache

/// A question as pages hand it to templates. Most pages only include the
/// `question` partial, which is rendered once per build and page depth and then
/// reused, so the fields are built only when a template reads one directly.
///
/// Used by one page job on one thread; never shared.
final class QuestionContext: MustacheParent {
    let views: Views
    let question: Question
    let recommendation: Recommendation
    let showRecommendation: Bool
    private var built: [String: Any]?

    init(views: Views, question: Question, recommendation: Recommendation, showRecommendation: Bool) {
        self.views = views
        self.question = question
        self.recommendation = recommendation
        self.showRecommendation = showRecommendation
    }

    var fields: [String: Any] {
        if let built { return built }
        let v = views.questionFields(question, of: recommendation, showRecommendation: showRecommendation)
        built = v
        return v
    }

    func child(named name: String) -> Any? {
        if name == QuestionPartials.key, let partials = views.site.questionPartials {
            return partials.html(self)
        }
        return fields[name]
    }
}

/// Each question as pages share it, once per question and page depth: its
/// fingerprint (what `PageFingerprint` puts for it in every page that lists it)
/// and the `question` partial rendered, reused by the recommendation, team,
/// questions and pack pages.
///
/// Pages whose templates reach the partial only as a standalone `{{> question}}`
/// inside `{{#questions}}` (see `Theme.prerenderable`) render with a library
/// whose `question` just prints this HTML. The partial reads only the question's
/// own fields, so its output does not depend on the page around it beyond the
/// way back to the root, which is part of the key.
///
/// Both come from the question's fields, built here and dropped at once: pages
/// that list every question would otherwise hold ten thousand field dictionaries.
final class QuestionPartials: @unchecked Sendable {
    /// The field the stand-in partial prints.
    static let key = "briefingPrerenderedQuestion"
    static let standIn = "{{{" + key + "}}}"

    private struct Key: Hashable {
        var id: String
        var root: String
        var showRecommendation: Bool
    }

    struct Entry: Sendable {
        /// Nil when a field has a type `PageFingerprint` cannot compare, or when not fingerprinting.
        var fingerprint: ContentHash?
        var html: String?
    }

    private let theme: Theme
    /// Entries from this process's last build with the same theme, by view: a question
    /// shown from the same values comes out the same (`briefing serve`).
    private let earlier: [QuestionView: Entry]
    /// Whether questions are fingerprinted (`build()`, which fingerprints every page).
    private let fingerprinting: Bool
    /// Whether to keep this build's entries by view for the next build (`made`).
    private let remember: Bool
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var byView: [QuestionView: Entry] = [:]

    init(theme: Theme, earlier: [QuestionView: Entry] = [:], fingerprinting: Bool = false, remember: Bool = false) {
        self.theme = theme
        self.earlier = earlier
        self.fingerprinting = fingerprinting
        self.remember = remember
        if remember { byView.reserveCapacity(earlier.count) }
    }

    func html(_ q: QuestionContext) -> String {
        entry(q, html: true).html ?? ""
    }

    /// Nil when the question cannot be fingerprinted; and the size of its rendering, if made.
    func fingerprint(_ q: QuestionContext) -> (ContentHash?, size: Int) {
        // Shared pages will want the rendering too: make it while the fields are at hand.
        let e = entry(q, html: !theme.prerenderable.isEmpty)
        return (e.fingerprint, e.html?.utf8.count ?? 0)
    }

    private func entry(_ q: QuestionContext, html: Bool) -> Entry {
        let key = Key(id: q.question.id, root: q.views.frame.root, showRecommendation: q.showRecommendation)
        if let hit = lock.withLock({ entries[key] }), hit.html != nil || !html { return hit }
        // Made outside the lock; two threads may both make a question, with the same result.
        let view = QuestionView(q.question, of: q.recommendation, showRecommendation: q.showRecommendation, frame: q.views.frame)
        var made = Entry()
        if let before = earlier[view], before.fingerprint != nil || !fingerprinting, before.html != nil || !html {
            made = before
        } else {
            let fields = view.fields
            if fingerprinting {
                var w = PageFingerprint.Writer(questions: self)
                if w.value(fields) { made.fingerprint = ContentHash(w.bytes) }
            }
            if html { made.html = theme.renderWhole("question", fields) }
        }
        lock.withLock {
            entries[key] = made
            if remember { byView[view] = made }
        }
        return made
    }

    /// This build's entries by view, for the next build of the site in this process.
    var made: [QuestionView: Entry] { lock.withLock { byView } }
}
