/// Normalised lines → a `Deck`. A line-driven state machine: structural lines (team
/// headers, "Rec N", "N.M Q:", "Agenda", "Overview") switch what the following
/// paragraphs belong to; everything else is text for the current owner. Every guess
/// becomes an `ImportWarning` with the line that prompted it.
public struct DeckParser {
    public static func parse(_ text: DeckText) -> (deck: Deck, warnings: [ImportWarning]) {
        var parser = DeckParser()
        parser.warnings = text.warnings
        for line in text.lines { parser.consume(line) }
        parser.finish()
        return (parser.deck, parser.warnings)
    }

    /// Where a paragraph's text goes.
    enum Owner: Equatable {
        case teamDescription(team: Int)
        case recommendation(Int)
        case question(rec: Int, id: String)
        case agendaTitle
        case agendaItem
        case agendaSubItem
        case meetingNotes
        case overview
        case slide
    }

    enum Context { case none, team, agenda, overview, slide }

    struct Paragraph {
        var owner: Owner
        var pieces: [DeckTextJoiner.Piece] = []
        var line: Int
        /// Joins the owner's last paragraph instead of starting a new one.
        var continuing = false
        /// Held back until the next line shows whether it was a meeting title.
        var loose = false
    }

    var deck = Deck()
    var warnings: [ImportWarning] = []
    var context = Context.none
    var currentTeam: Int?
    var currentRec: Int?
    /// The owner the last paragraph went to, for text that continues it.
    var lastOwner: Owner?
    var paragraph: Paragraph?
    /// A capitalised paragraph after a question: it continues the question unless an
    /// agenda heading follows, in which case it was the meeting's title.
    var looseParagraph: Paragraph?
    var pendingRecLabelLine: Int?
    var atSlideStart = true
    var slideDraft: [Paragraph] = []
    var slideLine = 0

    // MARK: - Lines

    mutating func consume(_ line: DeckLine) {
        switch line.kind {
        case .slideBreak:
            closeText()
            atSlideStart = true
        case .blank:
            endParagraph()
        case let .text(text):
            let opensBlock = line.opensBlock || atSlideStart
            atSlideStart = false
            consume(text, line: line.number, opensBlock: opensBlock)
        }
    }

    private mutating func consume(_ text: String, line: Int, opensBlock: Bool) {
        if let labelLine = pendingRecLabelLine {
            pendingRecLabelLine = nil
            if let n = Int(text), n > 0 {
                startRecommendation(n, text: "", line: labelLine)
                return
            }
            warnings.append(ImportWarning(line: labelLine, "'Rec' label without a number below it; ignored"))
        }
        if consumeStructure(text, line: line) { return }
        if context == .agenda, consumeAgendaLine(text, line: line) { return }
        if paragraph != nil && !opensBlock {
            paragraph!.pieces.append(.init(text: text, line: line))
            return
        }
        if opensBlock || context == .none {
            startSlide(text, line: line)
            return
        }
        startParagraph(text, line: line)
    }

    /// Lines that mean the same in any context. Returns false for plain text.
    private mutating func consumeStructure(_ text: String, line: Int) -> Bool {
        if let header = DeckPatterns.teamHeader(text) {
            enterTeam(header, line: line)
        } else if let heading = DeckPatterns.agendaHeading(text) {
            startAgenda(heading, line: line)
        } else if DeckPatterns.isOverviewHeading(text) {
            startOverview(line: line)
        } else if let q = DeckPatterns.question(text) {
            startQuestion(rec: q.number, sub: q.sub, text: q.text, line: line, label: nil)
        } else if let q = DeckPatterns.unnumberedQuestion(text) {
            startQuestion(rec: q.number, sub: nil, text: q.text, line: line, label: "\(q.number) Q:")
        } else if let text = DeckPatterns.anonymousQuestion(text), let rec = currentRec, context == .team {
            startQuestion(rec: rec, sub: nil, text: text, line: line, label: "Q:")
        } else if DeckPatterns.isBareRecLabel(text) {
            closeText()
            pendingRecLabelLine = line
        } else if let label = DeckPatterns.recLabel(text), label.rest.isEmpty || paragraph == nil {
            startRecommendation(label.number, text: label.rest, line: line)
        } else if context == .team, paragraph == nil, let bare = DeckPatterns.bareRecommendation(text) {
            warnings.append(ImportWarning(line: line, "no 'Rec' label: read '\(bare.number) \(Self.clip(bare.text))' as recommendation \(bare.number)"))
            startRecommendation(bare.number, text: bare.text, line: line)
        } else {
            return false
        }
        return true
    }

    private mutating func consumeAgendaLine(_ text: String, line: Int) -> Bool {
        if let item = DeckPatterns.agendaItem(text) {
            closeText()
            deck.meeting!.agenda.append(DeckAgendaItem(number: item.number, text: ""))
            paragraph = Paragraph(owner: .agendaItem, pieces: [.init(text: item.text, line: line)], line: line)
            return true
        }
        if let sub = DeckPatterns.agendaSubItem(text) {
            closeText()
            if deck.meeting!.agenda.isEmpty {
                warnings.append(ImportWarning(line: line, "agenda sub-item '\(sub.letter)' before any numbered item; numbered it 1"))
                deck.meeting!.agenda.append(DeckAgendaItem(number: 1, text: ""))
            }
            deck.meeting!.agenda[deck.meeting!.agenda.count - 1].subItems.append(DeckAgendaSubItem(letter: sub.letter, text: ""))
            paragraph = Paragraph(owner: .agendaSubItem, pieces: [.init(text: sub.text, line: line)], line: line)
            return true
        }
        return false
    }

    // MARK: - Paragraphs

    /// A text line that opens a paragraph in the current context.
    private mutating func startParagraph(_ text: String, line: Int) {
        settleLooseParagraph()
        let piece = DeckTextJoiner.Piece(text: text, line: line)
        if let last = lastOwner, DeckPatterns.startsLowercase(text), !DeckPatterns.endsSentence(lastText(of: last)) {
            warnings.append(ImportWarning(line: line, "a paragraph starts in lower case; joined it to the text before (a sentence broken by a blank line)"))
            paragraph = Paragraph(owner: last, pieces: [piece], line: line, continuing: true)
            return
        }
        var owner: Owner
        switch context {
        case .team:
            switch lastOwner {
            case let .question(rec, id)?:
                paragraph = Paragraph(owner: .question(rec: rec, id: id), pieces: [piece], line: line, loose: true)
                return
            case let .recommendation(n)?:
                owner = .recommendation(n)
            default:
                owner = .teamDescription(team: currentTeam ?? unassignedTeam(line: line))
            }
        case .agenda:
            owner = deck.meeting!.agenda.isEmpty && deck.meeting!.title.isEmpty ? .agendaTitle : .meetingNotes
        case .overview:
            owner = .overview
        case .slide, .none:
            owner = .slide
        }
        paragraph = Paragraph(owner: owner, pieces: [piece], line: line)
    }

    mutating func endParagraph() {
        guard let p = paragraph else { return }
        paragraph = nil
        if p.loose {
            looseParagraph = p
            return
        }
        deliver(DeckTextJoiner.join(p.pieces, warnings: &warnings), paragraph: p, continuing: p.continuing)
    }

    /// Ends all text in progress before a structural line takes over.
    mutating func closeText() {
        endParagraph()
        settleLooseParagraph()
    }

    /// A loose paragraph that turned out not to be a meeting title continues its question.
    mutating func settleLooseParagraph() {
        guard let p = looseParagraph else { return }
        looseParagraph = nil
        if case let .question(_, id) = p.owner {
            warnings.append(ImportWarning(line: p.line, "unlabelled paragraph after question \(id); joined it to that question"))
        }
        let joined = DeckTextJoiner.join(p.pieces, warnings: &warnings)
        deliver(joined, paragraph: p, continuing: true)
    }

    private mutating func deliver(_ text: String, paragraph p: Paragraph, continuing: Bool) {
        lastOwner = p.owner
        guard !text.isEmpty else { return }
        switch p.owner {
        case let .teamDescription(team):
            Self.appendParagraph(text, to: &deck.teams[team].description, continuing: continuing, line: p.line, warnings: &warnings)
        case let .recommendation(n):
            guard let (t, r) = recIndex(n) else { return }
            var paragraphs = deck.teams[t].recommendations[r].paragraphs
            if !continuing, paragraphs.contains(text) { return }  // a repeated slide says it again
            if !continuing, !paragraphs.isEmpty, !deck.teams[t].recommendations[r].questions.isEmpty {
                warnings.append(ImportWarning(line: p.line, "more text for recommendation \(n) after its questions; added to its text"))
            }
            Self.appendParagraph(text, to: &paragraphs, continuing: continuing, line: p.line, warnings: &warnings)
            deck.teams[t].recommendations[r].paragraphs = paragraphs
        case let .question(rec, id):
            guard let (t, r) = recIndex(rec),
                  let q = deck.teams[t].recommendations[r].questions.firstIndex(where: { $0.id == id }) else { return }
            let old = deck.teams[t].recommendations[r].questions[q].text
            deck.teams[t].recommendations[r].questions[q].text = DeckTextJoiner.append(text, to: old, line: p.line, warnings: &warnings)
        case .agendaTitle:
            deck.meeting!.title = text
        case .agendaItem:
            let i = deck.meeting!.agenda.count - 1
            deck.meeting!.agenda[i].text = DeckTextJoiner.append(text, to: deck.meeting!.agenda[i].text, line: p.line, warnings: &warnings)
        case .agendaSubItem:
            let i = deck.meeting!.agenda.count - 1
            let s = deck.meeting!.agenda[i].subItems.count - 1
            let old = deck.meeting!.agenda[i].subItems[s].text
            deck.meeting!.agenda[i].subItems[s].text = DeckTextJoiner.append(text, to: old, line: p.line, warnings: &warnings)
        case .meetingNotes:
            Self.appendParagraph(text, to: &deck.meeting!.notes, continuing: continuing, line: p.line, warnings: &warnings)
        case .overview:
            var paragraphs = deck.overview!.paragraphs
            Self.appendParagraph(text, to: &paragraphs, continuing: continuing, line: p.line, warnings: &warnings)
            deck.overview!.paragraphs = paragraphs
        case .slide:
            if continuing, var last = slideDraft.popLast() {
                last.pieces.append(.init(text: text, line: p.line))
                slideDraft.append(last)
            } else {
                slideDraft.append(Paragraph(owner: .slide, pieces: p.pieces, line: p.line))
            }
        }
    }

    private static func appendParagraph(_ text: String, to paragraphs: inout [String], continuing: Bool, line: Int,
                                        warnings: inout [ImportWarning]) {
        if continuing, let last = paragraphs.popLast() {
            paragraphs.append(DeckTextJoiner.append(text, to: last, line: line, warnings: &warnings))
        } else {
            paragraphs.append(text)
        }
    }

    private func lastText(of owner: Owner) -> String {
        switch owner {
        case let .teamDescription(team): return deck.teams[team].description.last ?? ""
        case let .recommendation(n):
            return recIndex(n).map { deck.teams[$0.0].recommendations[$0.1].paragraphs.last ?? "" } ?? ""
        case let .question(rec, id):
            guard let (t, r) = recIndex(rec) else { return "" }
            return deck.teams[t].recommendations[r].questions.first { $0.id == id }?.text ?? ""
        case .agendaTitle: return deck.meeting?.title ?? ""
        case .agendaItem: return deck.meeting?.agenda.last?.text ?? ""
        case .agendaSubItem: return deck.meeting?.agenda.last?.subItems.last?.text ?? ""
        case .meetingNotes: return deck.meeting?.notes.last ?? ""
        case .overview: return deck.overview?.paragraphs.last ?? ""
        case .slide:
            return slideDraft.last.map { $0.pieces.map(\.text).joined(separator: " ") } ?? ""
        }
    }

    func recIndex(_ number: Int) -> (Int, Int)? {
        for (t, team) in deck.teams.enumerated() {
            if let r = team.recommendations.firstIndex(where: { $0.number == number }) { return (t, r) }
        }
        return nil
    }

    static func clip(_ text: String, _ length: Int = 40) -> String {
        text.count <= length ? text : String(text.prefix(length)) + "…"
    }
}
