/// The names a deck does not give: recommendation titles, meeting and page slugs.
/// Each one is proposed from what the deck does say, with a warning.
enum DeckNaming {
    /// Page slugs that would collide with the site's own sections (content-format §2).
    static let reservedPageSlugs: Set<String> = [
        "index", "recommendations", "questions", "briefings", "meetings", "action-items",
        "search", "search-index", "questions-json", "feed", "sitemap", "404", "static", "assets",
    ]

    static func complete(_ deck: inout Deck, warnings: inout [ImportWarning]) {
        for t in deck.teams.indices {
            for r in deck.teams[t].recommendations.indices {
                nameRecommendation(&deck.teams[t].recommendations[r], warnings: &warnings)
            }
        }
        if deck.meeting != nil { nameMeeting(&deck.meeting!, warnings: &warnings) }
        nameSlides(&deck.slides, warnings: &warnings)
    }

    private static func nameRecommendation(_ rec: inout DeckRecommendation, warnings: inout [ImportWarning]) {
        // A repeated slide says a question again under the same number: keep it once.
        let asked = rec.questions
        rec.questions.removeAll { q in
            guard let original = q.repeatOf,
                  let first = asked.first(where: { $0.id == original }),
                  first.text == q.text else { return false }
            warnings.append(ImportWarning(line: q.line, "question \(original) is repeated word for word; kept it once"))
            return true
        }
        for q in rec.questions where q.text.isEmpty {
            warnings.append(ImportWarning(line: q.line, "question \(q.id) has no text"))
        }
        if rec.paragraphs.isEmpty {
            rec.title = "Recommendation \(rec.number)"
            warnings.append(ImportWarning(line: rec.line, "recommendation \(rec.number) has no text in the deck; titled it '\(rec.title)'"))
            return
        }
        rec.title = proposeTitle(from: rec.paragraphs[0])
        warnings.append(ImportWarning(line: rec.line, "recommendation \(rec.number) has no short title in the deck; proposed '\(rec.title)'"))
    }

    /// The first sentence, cut at a word boundary near 60 characters.
    static func proposeTitle(from text: String, limit: Int = 60) -> String {
        var sentence = text
        if let end = text.range(of: ". ") { sentence = String(text[..<end.lowerBound]) }
        while let last = sentence.last, ".:;, ".contains(last) { sentence.removeLast() }
        guard sentence.count > limit else { return sentence }
        var title = ""
        for word in sentence.split(separator: " ") {
            if !title.isEmpty && title.count + 1 + word.count > limit { break }
            title += title.isEmpty ? String(word) : " " + word
        }
        while let last = title.last, ".:;,–—-(".contains(last) || last == " " { title.removeLast() }
        return title + "…"
    }

    private static func nameMeeting(_ meeting: inout DeckMeeting, warnings: inout [ImportWarning]) {
        if meeting.agenda.isEmpty {
            warnings.append(ImportWarning(line: meeting.line, "the agenda slide has no numbered items"))
        }
        if meeting.title.isEmpty {
            meeting.title = "Meeting"
            warnings.append(ImportWarning(line: meeting.line, "the agenda slide names no meeting; titled it 'Meeting'"))
        }
        meeting.number = DeckPatterns.meetingNumber(in: meeting.title)
        if let slug = DeckPatterns.meetingSlug(from: meeting.title) {
            meeting.slug = slug
            return
        }
        if let number = meeting.number {
            meeting.slug = "meeting-\(number)"
        } else {
            let slug = DeckSlug.make(from: meeting.title)
            meeting.slug = slug.isEmpty ? "meeting" : slug
        }
        warnings.append(ImportWarning(line: meeting.line, "no 'Call #N' in the meeting title; called the meeting '\(meeting.slug)' (use --meeting to choose)"))
    }

    private static func nameSlides(_ slides: inout [DeckSlide], warnings: inout [ImportWarning]) {
        var taken: Set<String> = []
        for i in slides.indices {
            let slide = slides[i]
            var slug: String
            if DeckPatterns.looksLikeCallEtiquette(([slide.title] + slide.paragraphs).joined(separator: " ")) {
                slug = "call-etiquette"
                warnings.append(ImportWarning(line: slide.line, "read slide '\(DeckParser.clip(slide.title))' as the call etiquette; page '\(slug)'"))
            } else {
                slug = DeckSlug.make(from: slide.title)
                if slug.isEmpty { slug = "page" }
                if reservedPageSlugs.contains(slug) { slug += "-page" }
            }
            if taken.contains(slug) {
                var n = 2
                while taken.contains("\(slug)-\(n)") { n += 1 }
                warnings.append(ImportWarning(line: slide.line, "two slides would both be page '\(slug)'; called this one '\(slug)-\(n)'"))
                slug = "\(slug)-\(n)"
            }
            taken.insert(slug)
            slides[i].slug = slug
        }
    }
}
