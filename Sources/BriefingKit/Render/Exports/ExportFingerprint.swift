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
        // Field by field, each record read where it lies: an array of its fields per record,
        // and the record copied out, took and let go of two dozen references per question.
        records.withUnsafeBufferPointer { records in
            for r in records.indices {
                w.string(records[r].id)
                w.string(String(records[r].recommendation))
                w.string(records[r].recommendationTitle)
                w.string(records[r].team)
                w.string(records[r].teamName)
                w.string(records[r].status.rawValue)
                w.string(records[r].text)
                w.string(records[r].path)
                w.string(records[r].url)
                w.optional(records[r].answer)
                w.optional(records[r].asked)
                w.optional(records[r].askedDate?.iso)
                w.optional(records[r].answered?.iso)
            }
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
