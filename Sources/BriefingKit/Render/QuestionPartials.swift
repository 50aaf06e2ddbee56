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
    /// Where its partial is kept (`QuestionPartials`), found once: a listed question is
    /// looked up for its fingerprint, then for its rendering, sometimes from another core.
    /// -1 for a question the site does not list, which is made each time it is asked for.
    let slot: Int
    private var built: ContextFields?

    init(views: Views, question: Question, recommendation: Recommendation, showRecommendation: Bool) {
        self.views = views
        self.question = question
        self.recommendation = recommendation
        self.showRecommendation = showRecommendation
        slot = views.site.questionPlaces[question.id].map { QuestionPartials.slot(place: $0, showRecommendation: showRecommendation) } ?? -1
    }

    var fields: ContextFields {
        if let built { return built }
        let v = views.questionFields(question, of: recommendation, showRecommendation: showRecommendation)
        built = v
        return v
    }

    /// As swift-mustache reads it: the renderer's `item(named:)`, as it was handed over.
    func child(named name: String) -> Any? { item(named: name)?.any }

    /// The shared rendering for the stand-in partial's name, else the field of that name,
    /// told apart as the renderer keeps it.
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

    /// A question's two places in the tables, without and with its recommendation, from its
    /// place in the site (`LinkedSite.questionPlaces`). Tables by place, not dictionaries by
    /// id: every listed question was looked up two or three times per page, each look-up
    /// hashing and comparing its key under a lock (a twentieth of a build).
    static func slot(place: Int, showRecommendation: Bool) -> Int {
        place * 2 + (showRecommendation ? 1 : 0)
    }

    /// The shard a slot falls in, and its place there.
    private static func split(_ slot: Int) -> (shard: Int, index: Int) {
        (slot % shardCount, slot / shardCount)
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
        var entries: [Entry?]
        /// The view each entry is made from, in the partial's context that holds it: taken out
        /// under the lock as one reference, where the view itself was copied string by string.
        var views: [QuestionFields?]

        init(count: Int) {
            entries = Array(repeating: nil, count: count)
            views = Array(repeating: nil, count: count)
        }
    }

    /// What one build made, by shard, with the views it was made from and the places of
    /// its questions: handed whole to the next build in the process, which finds a question
    /// by its place in this build. The shards' own tables, not a merged copy: merging them
    /// cost the end of every `serve` rebuild 15 ms of one core at 1250x8.
    struct Memory: Sendable {
        fileprivate var places: [String: Int] = [:]
        fileprivate var shards: [(entries: [Entry?], views: [QuestionFields?])] = []

        /// The entry for the question, when it was made from a view equal to `made`'s.
        fileprivate func entry(_ id: String, showRecommendation: Bool, madeFrom made: QuestionFields) -> Entry? {
            guard !shards.isEmpty, let place = places[id] else { return nil }
            let (shard, index) = QuestionPartials.split(QuestionPartials.slot(place: place, showRecommendation: showRecommendation))
            guard let before = shards[shard].views[index], before.view == made.view else { return nil }
            return shards[shard].entries[index]
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
    private let shards: [Shard]
    /// The site's `questionPlaces`, which the memory keeps for the next build.
    private let places: [String: Int]
    private let slots: Int

    /// `places`: the shown site's `questionPlaces`, which its questions' slots are made from.
    init(theme: Theme, places: [String: Int] = [:], earlier: Memory = Memory(), fingerprinting: Bool = false, remember: Bool = false) {
        self.theme = theme
        self.earlier = earlier.shards.count == Self.shardCount ? earlier : Memory()
        self.fingerprinting = fingerprinting
        self.remember = remember
        self.places = places
        slots = Self.slot(place: places.count, showRecommendation: false)
        let perShard = (slots + Self.shardCount - 1) / Self.shardCount
        shards = (0..<Self.shardCount).map { _ in Shard(count: perShard) }
    }

    /// Whether `q` has a slot in these tables: a question of another site has none.
    private func kept(_ q: QuestionContext) -> Bool { q.slot >= 0 && q.slot < slots }

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
        let missing = shown.filter { q in
            guard kept(q) else { return false }
            let (shard, index) = Self.split(q.slot)
            return shards[shard].lock.withLock { shards[shard].entries[index]?.html == nil }
        }
        queue.lock.withLock {
            for q in missing where queue.queued.insert(q.slot).inserted { queue.waiting.append(q) }
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
        var queued: Set<Int> = []

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
        guard kept(q) else { return make(q, html: html, onto: nil, view: nil).entry }
        let (index, place) = Self.split(q.slot)
        let shard = shards[index]
        let (found, view) = shard.lock.withLock { () -> (Entry?, QuestionFields?) in
            guard let e = shard.entries[place] else { return (nil, nil) }
            return e.has(html: html, fingerprinting: fingerprinting) ? (e, nil) : (e, shard.views[place])
        }
        if let found, view == nil { return found }
        // Made outside the lock; two threads may both make a question, with the same result.
        var (e, made) = make(q, html: html, onto: found, view: view)
        return shard.lock.withLock {
            // Another thread may have made the other half meanwhile: keep both.
            if let other = shard.entries[place] { e.fill(from: other) } else { shard.views[place] = made }
            shard.entries[place] = e
            return e
        }
    }

    /// What `entry` asks for, added to `found`: made from the question's view (`view`, or
    /// one made here), or taken from the last build's entry where that was made from an
    /// equal view. Returns the view too, in the context the partial is rendered from.
    private func make(_ q: QuestionContext, html: Bool, onto found: Entry?, view: QuestionFields?) -> (entry: Entry, view: QuestionFields) {
        let made = view ?? QuestionFields(QuestionView(q.question, of: q.recommendation, showRecommendation: q.showRecommendation,
                                                       frame: q.views.frame, root: LinkRewriter.rootScheme, level: 3))
        var e = found ?? Entry(size: made.expectedSize)
        if let before = earlier.entry(q.question.id, showRecommendation: q.showRecommendation, madeFrom: made) { e.fill(from: before) }
        if html, e.html == nil {
            let h = theme.renderWhole("question", made)
            e.html = LocalizableHTML(h)
            e.size = h.count
        } else if !html, fingerprinting, e.fingerprint == nil {
            e.fingerprint = made.fingerprint
        }
        return (e, made)
    }

    /// This build's entries with their views, for the next build of the site in this process.
    var made: Memory {
        guard remember else { return Memory() }
        return Memory(places: places, shards: shards.map { shard in shard.lock.withLock { (shard.entries, shard.views) } })
    }
}
