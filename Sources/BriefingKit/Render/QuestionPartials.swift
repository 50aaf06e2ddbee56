import Foundation
import Mustache

/// A question as pages hand it to templates. Most pages only include the
/// `question` partial, which is rendered once per build and then reused, so the
/// fields are built only when a template reads one directly.
///
/// Used by one page job on one thread; never shared.
final class QuestionContext: MustacheParent {
    let views: Views
    let question: Question
    let recommendation: Recommendation
    let showRecommendation: Bool
    /// Where its partial is kept (`QuestionPartials`), hashed once: a listed question is
    /// looked up for its fingerprint, then for its rendering, sometimes from another core.
    let key: QuestionPartials.Key
    private var built: ContextFields?

    init(views: Views, question: Question, recommendation: Recommendation, showRecommendation: Bool) {
        self.views = views
        self.question = question
        self.recommendation = recommendation
        self.showRecommendation = showRecommendation
        key = QuestionPartials.Key(id: question.id, showRecommendation: showRecommendation)
    }

    var fields: ContextFields {
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

    /// `child(named:)`, told apart as the renderer keeps it.
    func item(named name: String) -> ContextValue? {
        if name == QuestionPartials.key, let partials = views.site.questionPartials {
            return .string(partials.html(self))
        }
        return fields.item(named: name)
    }

    /// What `child(named: QuestionPartials.key)` gives, appended to `out`; false, writing
    /// nothing, where it would give the field of that name instead.
    func writeShared(into out: inout [UInt8]) -> Bool {
        guard let partials = views.site.questionPartials else { return false }
        partials.write(self, into: &out)
        return true
    }
}

/// Each question as pages share it: its fingerprint and its `question` partial,
/// each made at most once per build, whatever the pages and depths that show it.
///
/// Pages whose templates reach the partial only as a standalone `{{> question}}`
/// inside `{{#questions}}` (see `Theme.prerenderable`) render with a library
/// whose `question` just prints this HTML. The partial reads only the question's
/// own fields, so its output does not depend on the page around it beyond the
/// way back to the root and the heading level, which each page applies (`html`).
///
/// Both are made from the question's view on the placeholder root at level 3, and
/// a page's fingerprint puts the view's fingerprint with the page's own root and
/// level (`PageFingerprint.Writer`): a question at any depth is a function of
/// those three, so one view and one hash per question stand for every page that
/// lists it. (A view per root and level cost a view and a hash of the question's
/// text per depth, and a keyed lookup per question per page hashed the root too.)
///
/// The fingerprint is the view's, so a build that renders few pages builds no
/// fields to fingerprint the rest. The rendering comes from the question's fields,
/// built when a page is rendered and dropped at once: pages that list every
/// question would otherwise hold ten thousand field dictionaries.
final class QuestionPartials: @unchecked Sendable {
    /// The field the stand-in partial prints.
    static let key = "briefingPrerenderedQuestion"
    static let standIn = "{{{" + key + "}}}"

    /// A question, with or without its recommendation.
    struct Key: Hashable, Sendable {
        let id: String
        let showRecommendation: Bool
        /// Hashed once: a key picks its shard, then is looked up in it and in the memory.
        let hash: Int

        init(id: String, showRecommendation: Bool) {
            self.id = id
            self.showRecommendation = showRecommendation
            var h = Hasher()
            h.combine(id)
            h.combine(showRecommendation)
            hash = h.finalize()
        }

        static func == (a: Key, b: Key) -> Bool {
            a.hash == b.hash && a.showRecommendation == b.showRecommendation && a.id == b.id
        }

        func hash(into h: inout Hasher) { h.combine(hash) }
    }

    /// What was made so far from a question's view on the placeholder root at level 3.
    /// Kept apart from the view, which a lookup would otherwise copy string by string.
    struct Entry: Sendable {
        /// The view's fingerprint (`QuestionView.fingerprint`); nil until a page asks for it.
        var fingerprint: ContentHash?
        /// The partial on the placeholder root; nil until a page that shows it is rendered.
        var html: LocalizableHTML?
        /// The rendering's size, or the view's guess at it before it is rendered.
        var size: Int

        /// Whether it holds what was asked for.
        func has(html: Bool, fingerprinting: Bool) -> Bool {
            html ? self.html != nil : (fingerprint != nil || !fingerprinting)
        }

        /// Takes what `other`, made from an equal view, has and this lacks.
        mutating func fill(from other: Entry) {
            if fingerprint == nil { fingerprint = other.fingerprint }
            if html == nil, let h = other.html { html = h; size = other.size }
        }
    }

    /// Entries behind a few locks, not one: both cores ask for questions all the time.
    private final class Shard: @unchecked Sendable {
        let lock = NSLock()
        var entries: [Key: Entry] = [:]
        /// The view each entry is made from.
        var views: [Key: QuestionView] = [:]
    }

    /// What one build made, by shard, with the views it was made from: handed whole to
    /// the next build in the process, which looks a question up in the shard its key falls
    /// in, as this build did. The shards' own tables, not a merged copy: merging them cost
    /// the end of every `serve` rebuild 15 ms of one core at 1250x8.
    struct Memory: Sendable {
        fileprivate var shards: [(entries: [Key: Entry], views: [Key: QuestionView])] = []

        /// The entry for `key` in shard `index`, when it was made from a view equal to `view`.
        fileprivate func entry(_ key: Key, in index: Int, madeFrom view: QuestionView) -> Entry? {
            guard !shards.isEmpty, let before = shards[index].views[key], before == view else { return nil }
            return shards[index].entries[key]
        }
    }

    private let theme: Theme
    /// This process's last build with the same theme: an entry is reused when the
    /// question's view now equals the one it was made from. Looked up by key and then
    /// compared, which is cheaper than hashing a view's text (unchanged strings are
    /// the same storage, so comparing them is a pointer check).
    private let earlier: Memory
    /// Whether questions are fingerprinted (`build()`, which fingerprints every page).
    private let fingerprinting: Bool
    /// Whether to keep this build's entries for the next build (`made`).
    private let remember: Bool
    private static let shardCount = 16
    private let shards = (0..<QuestionPartials.shardCount).map { _ in Shard() }

    init(theme: Theme, earlier: Memory = Memory(), fingerprinting: Bool = false, remember: Bool = false) {
        self.theme = theme
        self.earlier = earlier.shards.count == Self.shardCount ? earlier : Memory()
        self.fingerprinting = fingerprinting
        self.remember = remember
        // A rebuild meets about the questions the last one did: no table grows on the way.
        for (i, shard) in shards.enumerated() where !self.earlier.shards.isEmpty {
            shard.entries.reserveCapacity(self.earlier.shards[i].entries.count)
            shard.views.reserveCapacity(self.earlier.shards[i].entries.count)
        }
    }

    /// The partial as this page shows it. It is rendered once per question, on the
    /// placeholder root the Link stage gives Markdown links, and each page swaps in its
    /// own way back to the root (`PageLinks`), as it does for the question's text.
    ///
    /// Sound because the stand-in is only used with the built-in `question` template
    /// (`Theme.prerenderable`), whose links to the site are all `href="{{url}}"`
    /// values or its text and answer; any other value is escaped, so a `"` in it
    /// cannot end up as the `href="` the swap looks for.
    ///
    /// Rendered at level 3 (`h3`) too: a page that shows questions deeper moves its headings
    /// down (`HeadingShift`), which gives the bytes the template gives at that level, as
    /// the question's text and answer are moved with it (`QuestionView.fields`).
    ///
    /// As text, for a template that reads it as a value: `write`'s bytes.
    func html(_ q: QuestionContext) -> String {
        var out: [UInt8] = []
        write(q, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The partial as this page shows it, appended to `out`: the pages that list thousands
    /// of questions copy each rendering once, into the page, instead of into a string first.
    func write(_ q: QuestionContext, into out: inout [UInt8]) {
        let frame = q.views.frame
        rendering(q).html?.localize(frame.rootLink, demotingHeadingsBy: frame.questionLevel - 3, appendingTo: &out)
    }

    /// The entry holding the question's rendering, on the placeholder root at level 3.
    private func rendering(_ q: QuestionContext) -> Entry {
        entry(q, html: true)
    }

    /// Puts the partials of `shown` not made or queued yet in a queue any page job takes
    /// from (`help`), and helps until it is empty: the page that needs them would otherwise
    /// make thousands alone. After a one-file edit the pack of everything made all ten
    /// thousand on one core at the end of the build while the other had nothing left; in a
    /// full build the two largest pages, walking the same questions in the same order,
    /// could make the same one at the same time.
    ///
    /// Sound across threads: making a partial reads only what a `QuestionContext` was made
    /// with (its question, its recommendation, and its page frame's site, root and level,
    /// all constants), never the fields it builds for the one page that owns it.
    func share(_ shown: [QuestionContext]) {
        let missing = shown.map { (question: $0, key: $0.key) }.filter { q in
            let shard = shard(q.key).shard
            return shard.lock.withLock { shard.entries[q.key]?.html == nil }
        }
        queue.lock.withLock {
            for q in missing where queue.queued.insert(q.key).inserted { queue.waiting.append(q.question) }
        }
        help()
    }

    /// Makes queued partials until none is left; every page job calls it before its own work.
    func help() {
        while let batch = queue.take(16) {
            for q in batch { _ = rendering(q) }
        }
    }

    /// Partials queued by `share`, taken in batches by any thread.
    private final class Queue: @unchecked Sendable {
        let lock = NSLock()
        var waiting: [QuestionContext] = []
        var next = 0
        var queued: Set<Key> = []

        func take(_ n: Int) -> ArraySlice<QuestionContext>? {
            lock.withLock {
                guard next < waiting.count else { return nil }
                let end = min(waiting.count, next + n)
                defer {
                    next = end
                    // Emptied: the pages' contexts are let go with it.
                    if next == waiting.count { waiting = []; next = 0 }
                }
                return waiting[next..<end]
            }
        }
    }

    private let queue = Queue()

    /// The fingerprint of the question's view on the placeholder root at level 3, and the
    /// size of its rendering (a guess when not rendered yet); the page adds its own root
    /// and level (`PageFingerprint.Writer`). A build that renders a few pages fingerprints
    /// every page, so this renders nothing.
    func fingerprint(_ q: QuestionContext) -> (ContentHash?, size: Int) {
        let e = entry(q, html: false)
        return (e.fingerprint, e.size)
    }

    /// The entry for `q` holding its rendering when `html`, else its fingerprint (when
    /// fingerprinting): each is made the first time a page asks for it, or taken from the
    /// last build's entry if that was made from an equal view.
    private func entry(_ q: QuestionContext, html: Bool) -> Entry {
        let key = q.key
        let (index, shard) = shard(key)
        let (found, view) = shard.lock.withLock { () -> (Entry?, QuestionView?) in
            guard let e = shard.entries[key] else { return (nil, nil) }
            return e.has(html: html, fingerprinting: fingerprinting) ? (e, nil) : (e, shard.views[key])
        }
        if let found, view == nil { return found }
        // Made outside the lock; two threads may both make a question, with the same result.
        let made = view ?? QuestionView(q.question, of: q.recommendation, showRecommendation: q.showRecommendation,
                                        frame: q.views.frame, root: LinkRewriter.rootScheme, level: 3)
        var e = found ?? Entry(size: made.expectedSize)
        if let before = earlier.entry(key, in: index, madeFrom: made) { e.fill(from: before) }
        if html, e.html == nil {
            let h = theme.renderWhole("question", QuestionFields(made))
            e.html = LocalizableHTML(h)
            e.size = h.count
        } else if !html, fingerprinting, e.fingerprint == nil {
            e.fingerprint = made.fingerprint
        }
        return shard.lock.withLock {
            // Another thread may have made the other half meanwhile: keep both.
            if let other = shard.entries[key] { e.fill(from: other) } else { shard.views[key] = made }
            shard.entries[key] = e
            return e
        }
    }

    /// The shard a key falls in, and its place (the same in the last build's memory).
    private func shard(_ key: Key) -> (index: Int, shard: Shard) {
        let index = Int(UInt(bitPattern: key.hash) % UInt(Self.shardCount))
        return (index, shards[index])
    }

    /// This build's entries with their views, for the next build of the site in this process.
    var made: Memory {
        guard remember else { return Memory() }
        return Memory(shards: shards.map { shard in shard.lock.withLock { (shard.entries, shard.views) } })
    }
}
