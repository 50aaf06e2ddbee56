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

/// Each question as pages share it: its fingerprint once per page depth (what
/// `PageFingerprint` puts for it in every page that lists it), and the `question`
/// partial rendered once, reused by the recommendation, team, questions and pack
/// pages at every depth.
///
/// Pages whose templates reach the partial only as a standalone `{{> question}}`
/// inside `{{#questions}}` (see `Theme.prerenderable`) render with a library
/// whose `question` just prints this HTML. The partial reads only the question's
/// own fields, so its output does not depend on the page around it beyond the
/// way back to the root, which each page swaps in (`html`).
///
/// The fingerprint is the view's, so a build that renders few pages builds no
/// fields to fingerprint the rest. The rendering comes from the question's fields,
/// built when a page is rendered and dropped at once: pages that list every
/// question would otherwise hold ten thousand field dictionaries.
final class QuestionPartials: @unchecked Sendable {
    /// The field the stand-in partial prints.
    static let key = "briefingPrerenderedQuestion"
    static let standIn = "{{{" + key + "}}}"

    /// A question as shown at one depth and heading level, with or without its recommendation.
    struct Key: Hashable, Sendable {
        let id: String
        let root: String
        let showRecommendation: Bool
        let level: Int
        /// Hashed once: a key picks its shard, then is looked up in it and in the memory.
        let hash: Int

        init(id: String, root: String, showRecommendation: Bool, level: Int = 3) {
            self.id = id
            self.root = root
            self.showRecommendation = showRecommendation
            self.level = level
            var h = Hasher()
            h.combine(id)
            h.combine(root)
            h.combine(showRecommendation)
            h.combine(level)
            hash = h.finalize()
        }

        static func == (a: Key, b: Key) -> Bool {
            a.hash == b.hash && a.id == b.id && a.root == b.root && a.showRecommendation == b.showRecommendation && a.level == b.level
        }

        func hash(into h: inout Hasher) { h.combine(hash) }
    }

    struct Entry: Sendable {
        /// The view's fingerprint (`QuestionView.fingerprint`); nil when not fingerprinting.
        var fingerprint: ContentHash?
        var html: String?
        /// The rendering's size, or the view's guess at it before it is rendered.
        var size = 0
    }

    /// An entry with the view it was made from, kept for the next build (`briefing serve`).
    struct Remembered: Sendable {
        var view: QuestionView
        var entry: Entry
    }

    /// Entries behind a few locks, not one: both cores ask for questions all the time.
    private final class Shard: @unchecked Sendable {
        let lock = NSLock()
        var entries: [Key: Entry] = [:]
        var remembered: [Key: Remembered] = [:]
        /// Each question's view on the placeholder root, by the placeholder's key.
        var views: [Key: QuestionView] = [:]
    }

    /// What one build kept, by shard: handed whole to the next build in the process,
    /// which looks a question up in the shard its key falls in, as this build did.
    struct Memory: Sendable {
        fileprivate var shards: [[Key: Remembered]] = []
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
        if remember {
            for (i, shard) in shards.enumerated() {
                shard.remembered.reserveCapacity(self.earlier.shards.isEmpty ? 0 : self.earlier.shards[i].count)
            }
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
    func html(_ q: QuestionContext) -> String {
        let frame = q.views.frame
        return PageLinks.localize(rendering(q).html ?? "", root: frame.root, demotingHeadingsBy: frame.questionLevel - 3)
    }

    /// The entry holding the question's rendering, on the placeholder root at level 3.
    private func rendering(_ q: QuestionContext) -> Entry {
        entry(q, root: LinkRewriter.rootScheme, level: 3, html: true)
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
        let missing = shown.map { (question: $0, key: Self.placeholderKey($0)) }.filter { q in
            let shard = shard(q.key).shard
            return shard.lock.withLock { shard.entries[q.key] == nil }
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

    /// The key of a question on the placeholder root at level 3: its rendering's (see `html`),
    /// and its view's, from which every depth's is copied.
    private static func placeholderKey(_ q: QuestionContext) -> Key {
        Key(id: q.question.id, root: LinkRewriter.rootScheme, showRecommendation: q.showRecommendation, level: 3)
    }

    /// The question's fingerprint, and the size of its rendering (a guess when not rendered yet).
    /// A build that renders a few pages fingerprints every page, so this renders nothing.
    func fingerprint(_ q: QuestionContext) -> (ContentHash?, size: Int) {
        let e = entry(q, root: q.views.frame.root, level: q.views.frame.questionLevel, html: false)
        return (e.fingerprint, e.size)
    }

    /// The entry for `q` on `root`: its rendering when `html` (asked for on the placeholder
    /// root only), else its fingerprint (asked for on pages' roots). A key is only ever
    /// asked for one of the two, so an entry holds the one it was made for.
    private func entry(_ q: QuestionContext, root: String, level: Int, html: Bool) -> Entry {
        let key = Key(id: q.question.id, root: root, showRecommendation: q.showRecommendation, level: level)
        let (index, shard) = shard(key)
        if let hit = shard.lock.withLock({ shard.entries[key] }) { return hit }
        // Made outside the lock; two threads may both make a question, with the same result.
        let view = self.view(q, root: root, level: level)
        var made = Entry(size: view.expectedSize)
        if !earlier.shards.isEmpty, let before = earlier.shards[index][key], before.view == view,
           html ? before.entry.html != nil : (before.entry.fingerprint != nil || !fingerprinting) {
            made = before.entry
        } else if html {
            let h = theme.renderWhole("question", view.fields)
            made.html = h
            made.size = h.utf8.count
        } else if fingerprinting {
            made.fingerprint = view.fingerprint
        }
        shard.lock.withLock {
            shard.entries[key] = made
            if remember { shard.remembered[key] = Remembered(view: view, entry: made) }
        }
        return made
    }

    /// The question's view with `root` and `level`. Views at different depths differ only in
    /// those (everything else comes from the site the pages share), so each question's is
    /// looked up in the site once per build, and copied for each depth.
    private func view(_ q: QuestionContext, root: String, level: Int) -> QuestionView {
        let key = Self.placeholderKey(q)
        let shard = shard(key).shard
        var view: QuestionView
        if let made = shard.lock.withLock({ shard.views[key] }) {
            view = made
        } else {
            view = QuestionView(q.question, of: q.recommendation, showRecommendation: q.showRecommendation,
                                frame: q.views.frame, root: LinkRewriter.rootScheme)
            shard.lock.withLock { shard.views[key] = view }
        }
        view.root = root
        view.level = level
        return view
    }

    /// The shard a key falls in, and its place (the same in the last build's memory).
    private func shard(_ key: Key) -> (index: Int, shard: Shard) {
        let index = Int(UInt(bitPattern: key.hash) % UInt(Self.shardCount))
        return (index, shards[index])
    }

    /// This build's entries with their views, for the next build of the site in this process.
    var made: Memory {
        Memory(shards: shards.map { shard in shard.lock.withLock { shard.remembered } })
    }
}
