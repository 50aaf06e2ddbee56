/// The structural lines of a deck: each ends the text in progress and decides what
/// the following paragraphs belong to.
extension DeckParser {
    mutating func enterTeam(_ header: DeckPatterns.TeamHeader, line: Int) {
        closeText()
        finishSlide()
        var slug = DeckSlug.make(from: header.name)
        if slug.isEmpty {
            slug = "team-\(deck.teams.count + 1)"
            warnings.append(ImportWarning(line: line, "team name '\(header.name)' gives no file name; called it '\(slug)'"))
        }
        if let i = deck.teams.firstIndex(where: { $0.slug == slug }) {
            if deck.teams[i].title != header.title {
                warnings.append(ImportWarning(line: line, "'\(header.title)' and '\(deck.teams[i].title)' (line \(deck.teams[i].line)) "
                    + "are both content/briefings/\(slug).md; kept the first title"))
            }
            if currentTeam != i { lastOwner = nil; currentRec = nil }
            currentTeam = i
        } else {
            deck.teams.append(DeckTeam(title: header.title, name: header.name, slug: slug, line: line))
            currentTeam = deck.teams.count - 1
            lastOwner = nil
            currentRec = nil
        }
        context = .team
    }

    mutating func startRecommendation(_ number: Int, text: String, line: Int) {
        closeText()
        if context != .team { finishSlide() }
        context = .team
        if let (t, r) = recIndex(number) {
            if deck.teams[t].recommendations[r].impliedByQuestion {
                deck.teams[t].recommendations[r].impliedByQuestion = false
                deck.teams[t].recommendations[r].line = line
                if let team = currentTeam, team != t {
                    deck.teams[team].recommendations.append(deck.teams[t].recommendations.remove(at: r))
                }
            } else if let team = currentTeam, team != t {
                warnings.append(ImportWarning(line: line, "recommendation \(number) already appeared under \(deck.teams[t].title) "
                    + "(line \(deck.teams[t].recommendations[r].line)); kept it there"))
            }
        } else {
            let team = currentTeam ?? unassignedTeam(line: line)
            deck.teams[team].recommendations.append(DeckRecommendation(number: number, line: line))
        }
        currentRec = number
        lastOwner = .recommendation(number)
        let pieces: [DeckTextJoiner.Piece] = text.isEmpty ? [] : [.init(text: text, line: line)]
        paragraph = Paragraph(owner: .recommendation(number), pieces: pieces, line: line)
    }

    /// `sub` is nil for "19 Q:" and "Q:", which get the next free sub-number.
    mutating func startQuestion(rec number: Int, sub: Int?, text: String, line: Int, label: String?) {
        closeText()
        if context != .team { finishSlide() }
        context = .team
        if recIndex(number) == nil {
            let team = currentTeam ?? unassignedTeam(line: line)
            var rec = DeckRecommendation(number: number, line: line)
            rec.impliedByQuestion = true
            deck.teams[team].recommendations.append(rec)
            warnings.append(ImportWarning(line: line, "question for recommendation \(number) before any 'Rec \(number)' label; "
                + "created recommendation \(number) under \(deck.teams[team].title)"))
        } else if let current = currentRec, current != number {
            warnings.append(ImportWarning(line: line, "question \(number).\(sub.map(String.init) ?? "?") follows recommendation \(current); "
                + "filed it under recommendation \(number)"))
        }
        let (t, r) = recIndex(number)!
        let taken = deck.teams[t].recommendations[r].questions.compactMap { Int($0.id.split(separator: ".").last ?? "") }
        let next = (taken.max() ?? 0) + 1
        var id: String
        var deckLabel = label
        var repeatOf: String?
        if let sub {
            id = "\(number).\(sub)"
            if taken.contains(sub) {
                repeatOf = id
                deckLabel = "\(id) Q:"
                id = "\(number).\(next)"
                warnings.append(ImportWarning(line: line, "question \(number).\(sub) appears twice; numbered the second one \(id)"))
            }
        } else {
            id = "\(number).\(next)"
            warnings.append(ImportWarning(line: line, "'\(label ?? "Q:")' has no sub-number; numbered it \(id)"))
        }
        var question = DeckQuestion(id: id, text: "", line: line, deckLabel: deckLabel)
        question.repeatOf = repeatOf
        deck.teams[t].recommendations[r].questions.append(question)
        currentRec = number
        lastOwner = .question(rec: number, id: id)
        let pieces: [DeckTextJoiner.Piece] = text.isEmpty ? [] : [.init(text: text, line: line)]
        paragraph = Paragraph(owner: .question(rec: number, id: id), pieces: pieces, line: line)
    }

    mutating func startAgenda(_ heading: DeckPatterns.AgendaHeading, line: Int) {
        // Not closeText(): a paragraph held back after a question may be this meeting's title.
        endParagraph()
        var title = ""
        if case let .titled(t) = heading {
            title = t
        } else if let stolen = takeMeetingTitle() {
            title = stolen.text
            warnings.append(ImportWarning(line: stolen.line, "read '\(stolen.text)' as the title of the meeting on the agenda slide"))
        }
        settleLooseParagraph()
        finishSlide()
        if deck.meeting != nil {
            warnings.append(ImportWarning(line: line, "a second agenda slide; added its items to the first meeting's agenda"))
            if deck.meeting!.title.isEmpty { deck.meeting!.title = title }
        } else {
            deck.meeting = DeckMeeting(title: title, number: nil, slug: "", line: line)
        }
        context = .agenda
        lastOwner = nil
    }

    /// The lines right above "Agenda" name the meeting ("SSR2 Review Team" /
    /// "Plenary Call #41"), but the deck does not set them apart from the slide before.
    private mutating func takeMeetingTitle() -> (text: String, line: Int)? {
        if let p = looseParagraph {
            let text = DeckTextJoiner.join(p.pieces, warnings: &warnings)
            if Self.looksLikeMeetingTitle(text) { looseParagraph = nil; return (text, p.line) }
        }
        if context == .slide, let p = slideDraft.last {
            let text = DeckTextJoiner.join(p.pieces, warnings: &warnings)
            if Self.looksLikeMeetingTitle(text) { slideDraft.removeLast(); return (text, p.line) }
        }
        if context == .overview, let text = deck.overview?.paragraphs.last, Self.looksLikeMeetingTitle(text) {
            deck.overview!.paragraphs.removeLast()
            return (text, deck.overview!.line)
        }
        return nil
    }

    static func looksLikeMeetingTitle(_ text: String) -> Bool {
        guard text.count <= 100, let last = text.last, !".?!;,".contains(last) else { return false }
        if DeckPatterns.meetingNumber(in: text) != nil { return true }
        let lower = text.lowercased()
        return ["meeting", "call", "plenary", "session", "review team"].contains { lower.contains($0) }
    }

    mutating func startOverview(line: Int) {
        closeText()
        finishSlide()
        if deck.overview == nil {
            deck.overview = DeckSlide(title: "Overview", slug: "index", paragraphs: [], line: line)
        } else {
            warnings.append(ImportWarning(line: line, "a second 'Overview' slide; added its text to the first"))
        }
        context = .overview
        lastOwner = nil
    }

    /// A line that opens a text box and is not structural starts a slide of its own.
    mutating func startSlide(_ text: String, line: Int) {
        closeText()
        finishSlide()
        context = .slide
        lastOwner = nil
        paragraph = Paragraph(owner: .slide, pieces: [.init(text: text, line: line)], line: line)
    }

    mutating func finishSlide() {
        guard !slideDraft.isEmpty else { return }
        let draft = slideDraft
        slideDraft = []
        let first = draft[0]
        // The title is the first line, and the lines that continue its sentence in lower
        // case ("Outreach/comms plan - establish approach" / "and penholder"); text after
        // it in the same paragraph is body.
        var titleLength = 1
        while titleLength < first.pieces.count, DeckPatterns.startsLowercase(first.pieces[titleLength].text) {
            titleLength += 1
        }
        let title = DeckTextJoiner.join(Array(first.pieces.prefix(titleLength)), warnings: &warnings)
        var body = [DeckTextJoiner.join(Array(first.pieces.dropFirst(titleLength)), warnings: &warnings)]
        body += draft.dropFirst().map { DeckTextJoiner.join($0.pieces, warnings: &warnings) }
        body.removeAll { $0.isEmpty }
        if body.isEmpty {
            warnings.append(ImportWarning(line: first.line, "slide '\(Self.clip(title))' has only a title; skipped it as a section divider"))
            return
        }
        deck.slides.append(DeckSlide(title: title, slug: "", paragraphs: body, line: first.line))
    }

    mutating func unassignedTeam(line: Int) -> Int {
        if let i = deck.teams.firstIndex(where: { $0.slug == "unassigned" }) { return i }
        warnings.append(ImportWarning(line: line, "briefing content before any team header ('SSR1 X Briefing'); "
            + "put it under a team named 'Unassigned'"))
        deck.teams.append(DeckTeam(title: "Unassigned Briefing", name: "Unassigned", slug: "unassigned", line: line))
        currentTeam = deck.teams.count - 1
        return deck.teams.count - 1
    }

    mutating func finish() {
        closeText()
        finishSlide()
        if let line = pendingRecLabelLine {
            warnings.append(ImportWarning(line: line, "'Rec' label without a number below it; ignored"))
        }
        DeckNaming.complete(&deck, warnings: &warnings)
    }
}
