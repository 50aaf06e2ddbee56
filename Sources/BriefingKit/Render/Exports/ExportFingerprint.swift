/// What an export's bytes follow from, told without writing it. Like a page's
/// fingerprint (`PageFingerprint`), a build over a state that records the same
/// one for the export's file keeps the file: an edit to a recommendation's body
/// changes no question record and no feed entry, so questions.json,
/// questions.csv and feed.xml stay as they are.
enum ExportFingerprint {
    /// Every field of every record, in order: all that questions.json and questions.csv print.
    static func records(_ records: [QuestionRecord]) -> ContentHash {
        var w = PageFingerprint.Writer(questions: nil)
        w.word(UInt64(records.count))
        for r in records {
            for field in [r.id, String(r.recommendation), r.recommendationTitle, r.team, r.teamName, r.status.rawValue,
                          r.text, r.path, r.url] {
                w.string(field)
            }
            for field in [r.answer, r.asked, r.askedDate?.iso, r.answered?.iso] { w.optional(field) }
        }
        return w.hash
    }

    /// The settings the feed's head prints and every entry, in feed order.
    static func feed(_ config: SiteConfig, _ entries: [AtomFeed.Entry]) -> ContentHash {
        var w = PageFingerprint.Writer(questions: nil)
        for field in [config.title, config.baseURL, config.language, config.review] { w.string(field) }
        w.bool(config.prettyLinks)
        w.word(UInt64(entries.count))
        for e in entries {
            w.word(UInt64(e.kind.rawValue))
            for field in [e.day.iso, e.title, e.id, e.link, e.summary, e.html] { w.string(field) }
            w.optional(e.author)
        }
        return w.hash
    }
}
