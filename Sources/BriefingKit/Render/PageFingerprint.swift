import Foundation

/// What a page's bytes follow from: its template, the theme, and every value of
/// the context the template can read. Two builds that give a page the same
/// fingerprint render it to the same bytes, so an incremental build that finds a
/// page's fingerprint unchanged (and the file on disk as it left it) skips it.
///
/// Why the context and not a list of source files per page: the context is what
/// the template reads, so nothing a page shows can be missed, whatever the
/// cross-reference graph (backlinks, repeated questions, titles of link targets,
/// neighbours) brings into it. A value of a type this does not know makes the
/// page unfingerprinted, and such a page is always rendered.
enum PageFingerprint {
    /// The fingerprint, the bytes of text the context holds (a page's size, roughly),
    /// and, when `listing`, the questions it shows, whose partials the page needs if it is rendered.
    static func of(_ job: PageJob, _ context: ContextFields, theme: Theme, questions: QuestionPartials, listing: Bool = false)
        -> (ContentHash?, text: Int, questions: [QuestionContext]) {
        var w = Writer(questions: questions)
        w.listing = listing
        w.string(job.template)
        w.word(theme.identity.a)
        w.word(theme.identity.b)
        guard w.value(context) else { return (nil, w.text, w.shown) }
        return (w.hash, w.text, w.shown)
    }

    /// Values as tagged, length-prefixed bytes, so equal contexts give equal bytes in
    /// any process, hashed as they are written (`ContentHash.Stream`): a page's text is
    /// read once, where it lies. A dictionary is written as the sum of its entries'
    /// hashes, which does not depend on their order, instead of sorting its keys:
    /// sorting copied every entry of every dictionary of every page.
    struct Writer {
        /// Where questions in a context get their fingerprints; nil where none may appear.
        let questions: QuestionPartials?
        private var stream = ContentHash.Stream()
        /// Bytes of the strings seen, and of the questions' renderings.
        var text = 0
        /// The questions met, in the order met, when `listing`.
        var shown: [QuestionContext] = []
        var listing = false

        init(questions: QuestionPartials?) {
            self.questions = questions
        }

        /// The fingerprint of everything written.
        var hash: ContentHash { stream.hash }

        /// A tag or a flag, as a whole word: every value starts on a word boundary, so the
        /// stream mixes whole words and never shifts a word across one (`string` pads).
        mutating func byte(_ b: UInt8) { stream.word(UInt64(b)) }

        mutating func bool(_ b: Bool) { byte(b ? 1 : 0) }

        mutating func word(_ x: UInt64) { stream.word(x) }

        mutating func int(_ n: Int) { word(UInt64(bitPattern: Int64(n))) }

        /// A string, or a 0 byte for none: a string starts with its tag, 1.
        mutating func optional(_ s: String?) {
            if let s { string(s) } else { byte(0) }
        }

        /// Through `String.readingUTF8`, which hands over a small string's bytes from a copy on the
        /// stack: `utf8.withContiguousStorageIfAvailable` has none for them, and the byte-at-a-time
        /// loop it fell back to was most of the cost of every field's name.
        ///
        /// Its tag and length share a word, and its bytes are padded to the next word with
        /// zeros: the length says which bytes are the string's, so nothing is ambiguous.
        mutating func string(_ s: String) {
            s.readingUTF8 { utf8 in
                text += utf8.count
                word(UInt64(utf8.count) << 8 | 1)
                stream.bytes(UnsafeRawBufferPointer(utf8))
                stream.padToWord()
            }
        }

        /// False when `value` holds a type that cannot be told apart reliably.
        mutating func value(_ value: Any) -> Bool {
            switch ContextValue(value) {
            case .string(let s): string(s)
            case .fields(let f): return fields(f)
            case .dictionary(let d): return dictionary(d)
            case .question(let q):
                byte(4)
                return question(q)
            case .int(let n): byte(2); int(n)
            case .bool(let b): byte(3); bool(b)
            case .stringDictionary(let d): stringDictionary(d)
            case .questions(let a):
                byte(6); word(UInt64(a.count))
                for q in a { guard question(q) else { return false } }
            case .fieldsList(let a):
                list(a.count)
                for f in a { guard fields(f) else { return false } }
            case .dictionaries(let a):
                list(a.count)
                for d in a { guard dictionary(d) else { return false } }
            case .stringDictionaries(let a):
                list(a.count)
                for d in a { stringDictionary(d) }
            case .strings(let a):
                list(a.count)
                for s in a { string(s) }
            case .list(let a):
                list(a.count)
                for v in a { guard self.value(v) else { return false } }
            // Only a partial's own rendering holds one, never a page's context.
            case .questionFields, .other:
                return false
            }
            return true
        }

        /// A list's tag and length; its items follow.
        private mutating func list(_ count: Int) {
            byte(7); word(UInt64(count))
        }

        /// Fields in their order, which is the page builder's: the same code gives the same
        /// order, so equal fields write equal bytes without the per-entry hashes a dictionary needs.
        private mutating func fields(_ f: ContextFields) -> Bool {
            byte(8); word(UInt64(f.count))
            for i in f.indices {
                string(f.name(at: i))
                guard self.value(f.value(at: i)) else { return false }
            }
            return true
        }

        /// A dictionary as `value` writes one; lists of dictionaries come here without
        /// being boxed as `Any` first.
        private mutating func dictionary(_ d: [String: Any]) -> Bool {
            unordered(d, count: d.count) { w, entry in
                w.string(entry.key)
                return w.value(entry.value)
            }
        }

        private mutating func stringDictionary(_ d: [String: String]) {
            _ = unordered(d, count: d.count) { w, entry in
                w.string(entry.key)
                w.string(entry.value)
                return true
            }
        }

        /// A question as its view's fingerprint on the placeholder root (`QuestionPartials`)
        /// with the root and heading level this page shows it at, which is all a question
        /// at another depth differs by; its rendering's size counts as text.
        private mutating func question(_ q: QuestionContext) -> Bool {
            guard let (f, size) = questions?.fingerprint(q), let h = f else { return false }
            text += size
            if listing { shown.append(q) }
            word(h.a); word(h.b)
            let frame = q.views.frame
            string(frame.root)
            int(frame.questionLevel)
            return true
        }

        /// Each entry hashed on its own; the sums of the hashes stand for them all.
        mutating func unordered<S: Sequence>(_ entries: S, count: Int,
                                                     _ write: (inout Writer, S.Element) -> Bool) -> Bool {
            byte(5); word(UInt64(count))
            let outer = stream
            var a: UInt64 = 0, b: UInt64 = 0
            for entry in entries {
                stream = ContentHash.Stream()
                guard write(&self, entry) else { return false }
                let h = stream.hash
                a &+= h.a
                b &+= h.b
            }
            stream = outer
            word(a)
            word(b)
            return true
        }
    }
}
