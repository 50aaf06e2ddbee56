/// Decoders for the two content kinds with nested records.
enum RecommendationDecoder {
    static func decode(_ f: FieldReader, body: MarkdownText, file: SourceTree.File) -> Recommendation? {
        let number = f.int("number", required: true)
        let title = f.string("title", required: true)
        let briefing = f.string("briefing", required: true)
        let briefingAt = f.keyLocation("briefing")
        let focus = f.string("focus_area")
        let implementation = f.choice("implementation", Implementation.self)
        let questions = f.entries("questions").compactMap { question($0, recommendation: number) }
        if let number, file.slug != String(number) {
            f.warning(f.keyLocation("number"), "recommendation \(number) is in a file named '\(file.slug).md'; '\(number).md' is easier to find")
        }
        guard let number, let title, let briefing else { return nil }
        return Recommendation(number: number, numberLocation: f.keyLocation("number"), title: title, briefing: briefing, briefingLocation: briefingAt,
                              focusArea: focus, implementation: implementation, questions: questions,
                              body: body, path: file.displayPath)
    }

    static func question(_ q: FieldReader, recommendation: Int?) -> Question? {
        defer { q.warnUnknown() }
        let id = q.string("id", required: true)
        let idAt = q.keyLocation("id")
        let text = q.markdown("text", required: true)
        let status = q.choice("status", QuestionStatus.self) ?? .open
        let asked = q.string("asked")
        let answer = q.markdown("answer")
        let answered = q.day("answered")
        guard let id else { return nil }
        guard let n = ASCIIShape.questionNumbers(id)?.recommendation else {
            q.error(idAt, "question id '\(id)' must be '<recommendation>.<n>', such as \"11.3\"")
            return nil
        }
        if let recommendation, n != recommendation {
            q.error(idAt, "question id '\(id)' does not begin with its recommendation's number \(recommendation)")
            return nil
        }
        if status == .answered && answer == nil {
            q.warning(q.location, "question \(id) is answered but has no 'answer'")
        }
        guard let text else { return nil }
        return Question(id: id, text: text, status: status, asked: asked, answer: answer, answered: answered,
                        location: idAt, askedLocation: asked == nil ? nil : q.keyLocation("asked"))
    }
}

enum MeetingDecoder {
    static func decode(_ f: FieldReader, body: MarkdownText, file: SourceTree.File) -> Meeting? {
        let title = f.string("title", required: true)
        let number = f.int("number")
        let date = f.day("date")
        let attendees = f.strings("attendees")
        let apologies = f.strings("apologies")
        let materials = f.links("materials")
        let decisions = (f.sequence("decisions") ?? []).compactMap { f.markdown($0, field: "decisions") }
        let items = f.entries("action_items").compactMap(actionItem)
        guard let title else { return nil }
        return Meeting(slug: file.slug, title: title, number: number, date: date, attendees: attendees,
                       apologies: apologies, materials: materials, decisions: decisions, actionItems: items,
                       body: body, path: file.displayPath)
    }

    static func actionItem(_ a: FieldReader) -> ActionItem? {
        defer { a.warnUnknown() }
        let id = a.string("id", required: true)
        let text = a.markdown("text", required: true)
        let owner = a.string("owner")
        let due = a.day("due")
        let status = a.choice("status", ActionStatus.self) ?? .open
        guard let id, let text else { return nil }
        guard ASCIIShape.isActionItemID(id) else {
            a.error(a.keyLocation("id"), "action item id '\(id)' may hold only letters, digits, '.', '_' and '-'")
            return nil
        }
        return ActionItem(id: id, text: text, owner: owner, due: due, status: status, location: a.keyLocation("id"))
    }
}
