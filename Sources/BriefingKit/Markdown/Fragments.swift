/// Names one Markdown field of the site, so its rendered HTML can be found again.
public enum FieldKey: Hashable, Sendable {
    case recommendationBody(Int)
    case questionText(String)
    case questionAnswer(String)
    case briefingBody(String)
    case meetingBody(String)
    case decision(meeting: String, index: Int)
    case actionItem(String)
    case pageBody(String)
}

/// A Markdown field after the Markdown and Link stages.
public struct Fragment: Hashable, Sendable {
    /// HTML with internal links still on `LinkRewriter.rootScheme`.
    public var html: String
    /// The words alone, for search, CSV and feeds.
    public var text: String
}

/// Where a field is shown, for "Referenced from" lists.
public struct Backlink: Hashable, Sendable, Comparable {
    public var label: String
    public var path: String
    /// Sort key: the order pages appear in the site.
    var order: TargetKey

    public static func < (a: Backlink, b: Backlink) -> Bool {
        a.order != b.order ? a.order < b.order : a.path < b.path
    }
}

/// One field to parse, link and render: with the stage's link targets and options,
/// everything its rendering reads, so an equal job renders to an equal result.
struct MarkdownJob: Equatable, Sendable {
    var key: FieldKey
    var text: MarkdownText
    var source: Backlink
    /// The recommendation whose page shows the field.
    var home: Int?
    /// The level the snippet's highest heading takes, below the page's own headings.
    var headingTop: Int
}

/// The Markdown stage's result for one field.
///
/// A class: made once, never changed, and passed from the stage to the fragments, the
/// cross-references and the next build's memory, each a copy of five values otherwise.
final class MarkdownResult: Sendable {
    let key: FieldKey
    let fragment: Fragment
    let source: Backlink
    let uses: [ReferenceUse]
    let diagnostics: [Diagnostic]

    init(key: FieldKey, fragment: Fragment, source: Backlink, uses: [ReferenceUse], diagnostics: [Diagnostic]) {
        self.key = key
        self.fragment = fragment
        self.source = source
        self.uses = uses
        self.diagnostics = diagnostics
    }
}
