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

/// The `question` partial rendered once per question and page depth, shared by
/// the recommendation, team, questions and pack pages that all list it.
///
/// Pages whose templates reach the partial only as a standalone `{{> question}}`
/// inside `{{#questions}}` (see `Theme.prerenderable`) render with a library
/// whose `question` just prints this HTML. The partial reads only the question's
/// own fields, so its output does not depend on the page around it beyond the
/// way back to the root, which is part of the key.
final class QuestionPartials: @unchecked Sendable {
    /// The field the stand-in partial prints.
    static let key = "briefingPrerenderedQuestion"
    static let standIn = "{{{" + key + "}}}"

    private struct Key: Hashable {
        var id: String
        var root: String
        var showRecommendation: Bool
    }

    private let theme: Theme
    let fingerprints = QuestionFingerprints()
    /// Renderings from this process's last build with the same theme, by question fingerprint:
    /// a question whose fields are unchanged comes out the same (`briefing serve`).
    private let earlier: [ContentHash: String]
    /// Whether to index this build's renderings by fingerprint for the next build.
    private let remember: Bool
    private let lock = NSLock()
    private var rendered: [Key: String] = [:]
    private var byFingerprint: [ContentHash: String] = [:]

    init(theme: Theme, earlier: [ContentHash: String] = [:], remember: Bool = false) {
        self.theme = theme
        self.earlier = earlier
        self.remember = remember
    }

    func html(_ q: QuestionContext) -> String {
        let key = Key(id: q.question.id, root: q.views.frame.root, showRecommendation: q.showRecommendation)
        if let hit = lock.withLock({ rendered[key] }) { return hit }
        let fingerprint = remember ? fingerprints.fingerprint(q) : nil
        // Rendered outside the lock; two threads may both render a question, with the same result.
        let html = fingerprint.flatMap { earlier[$0] } ?? theme.renderWhole("question", q.fields)
        lock.withLock {
            rendered[key] = html
            if let fingerprint { byFingerprint[fingerprint] = html }
        }
        return html
    }

    /// This build's renderings by fingerprint, for the next build of the site in this process.
    var made: [ContentHash: String] { lock.withLock { byFingerprint } }
}
