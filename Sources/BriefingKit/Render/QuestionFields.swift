import Mustache

/// The `question` partial's context: each field made from the question's view when the
/// template reads it.
///
/// The partial is rendered once per question (10,000 times at 1250x8). As a dictionary,
/// every rendering built sixteen entries and then found each field by hashing its name;
/// here a field is made where it is read, and found by comparing its name. The
/// dictionary pages read question fields from (`QuestionView.fields`) is made from this
/// type, so the two cannot differ.
/// Holds nothing but its view, so builds share one across threads (`QuestionPartials`).
final class QuestionFields: MustacheParent, Sendable {
    /// Every field, in the order `QuestionView.fields` lists them.
    enum Field: String, CaseIterable {
        case id, anchor, status, statusLabel, level, answerLevel, text, permalink, shareURL
        case badge, recommendation, answer, answered, asked, same, backlinks
    }

    let view: QuestionView
    /// The view's, taken when it is handed over: read through the class, the view was copied
    /// whole (retaining its fourteen fields) for it.
    let expectedSize: Int
    var fingerprint: ContentHash { view.fingerprint }

    init(_ view: QuestionView) {
        self.view = view
        expectedSize = view.expectedSize
    }

    func child(named name: String) -> Any? {
        Field(rawValue: name).flatMap(child)
    }

    /// A field's value, typed: text and numbers apart from the rest, so that a variable can
    /// print one without an `Any` between (`text`).
    enum Value {
        case text(String)
        case number(Int)
        case other(Any)
        case none
    }

    /// The field as swift-mustache and the fields pages read (`QuestionView.fields`) hold it.
    func child(_ field: Field) -> Any? { item(field)?.any }

    /// The field as the renderer keeps it, without an `Any` between for text and numbers. The
    /// renderer tells a name's field once per template (`TemplateProgram.Name`), where a name
    /// compared against each field's every time cost a fifth of a partial's lookups.
    func item(_ field: Field) -> ContextValue? {
        switch value(field) {
        case .text(let s): .string(s)
        case .number(let n): .int(n)
        case .other(let v): ContextValue(v)
        case .none: nil
        }
    }

    /// The field as the text a variable prints (`{{name}}`), as `TemplateRenderer` would print
    /// `child(field)`; nil where it has no value or is not text. The partial prints a dozen of
    /// these per question, ten thousand questions a build.
    func text(_ field: Field) -> String? {
        switch value(field) {
        case .text(let s): s
        case .number(let n): String(n)
        case .other, .none: nil
        }
    }

    func value(_ field: Field) -> Value {
        let v = view
        switch field {
        case .id: return .text(v.id)
        case .anchor: return .text(SiteURLs.questionAnchor(v.id))
        case .status: return .text(v.status.rawValue)
        case .statusLabel: return .text(Views.statusLabel(v.status))
        case .level: return .number(v.level)
        case .answerLevel: return .number(v.level + 1)
        case .text: return .text(placed(v.textHTML))
        case .permalink: return .text(url(urls.question(v.id, recommendation: v.recommendation)))
        case .shareURL:
            // What "Copy link" copies: the public address when the site has one.
            return .text(v.baseURL.isEmpty ? "" : PageFrame.absolute(v.baseURL, SiteURLs(pretty: true).question(v.id, recommendation: v.recommendation)))
        case .badge:
            guard let team = v.team.name else { return .other(["team": v.team.slug, "slug": v.team.slug] as ContextFields) }
            return .other(["team": team, "slug": v.team.slug, "url": url(urls.briefing(v.team.slug)), "title": v.team.title ?? ""] as ContextFields)
        case .recommendation:
            guard v.showRecommendation else { return .none }
            return .other(["number": v.recommendation, "title": v.recommendationTitle, "url": url(urls.recommendation(v.recommendation))] as ContextFields)
        case .answer:
            guard let html = v.answerHTML else { return .none }
            return .text(placed(html))
        case .answered:
            guard let day = v.answered else { return .none }
            return .text(day.iso)
        case .asked:
            guard let asked = v.asked else { return .none }
            return .other(["title": asked.title, "url": url(urls.meeting(asked.slug))] as ContextFields)
        case .same:
            return .other(v.same.map { other -> ContextFields in
                ["id": other, "url": url(urls.question(other, recommendation: QuestionOrder.parts(other).0))]
            })
        case .backlinks:
            // Fields, not `[String: String]`: no hashing per entry, and `enumerated` in a fixed order.
            return .other(v.backlinks.map { ["label": $0.label, "url": url($0.path)] as ContextFields })
        }
    }

    private var urls: SiteURLs { SiteURLs(pretty: view.prettyLinks) }

    private func url(_ path: String) -> String { SiteURLs.joined(view.root, path) }

    /// Markdown headings were placed under an `h3` question; a deeper question takes them along.
    private func placed(_ html: String) -> String {
        PageLinks.localize(html, root: view.root, demotingHeadingsBy: view.level - 3)
    }
}
