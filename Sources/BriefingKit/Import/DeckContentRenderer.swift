/// A content file the import would write: a path under `content/` and its text.
public struct ImportedFile: Equatable, Sendable {
    /// Relative to the site's `content/` folder, e.g. `recommendations/11.md`.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// `Deck` → content files, in the layout of docs/seed-conventions.md. Pure: no file
/// system, so the exact text of every file is testable.
public enum DeckContentRenderer {
    public static func files(for deck: Deck, meetingSlug: String?) -> [ImportedFile] {
        var files: [ImportedFile] = []
        for (i, team) in deck.teams.enumerated() {
            files.append(briefing(team, order: i + 1, meetingSlug: meetingSlug))
        }
        let recommendations = deck.teams.flatMap { team in team.recommendations.map { (team, $0) } }
        for (team, rec) in recommendations.sorted(by: { $0.1.number < $1.1.number }) {
            files.append(recommendation(rec, team: team, meetingSlug: meetingSlug))
        }
        if let meeting = deck.meeting {
            files.append(self.meeting(meeting, slug: meetingSlug ?? meeting.slug))
        }
        if let overview = deck.overview {
            files.append(page(overview, slug: "index"))
        }
        for slide in deck.slides {
            files.append(page(slide, slug: slide.slug))
        }
        return files
    }

    static func briefing(_ team: DeckTeam, order: Int, meetingSlug: String?) -> ImportedFile {
        var yaml = "title: \(YAMLText.scalar(team.title))\n"
        yaml += "team: \(YAMLText.scalar(team.name))\n"
        yaml += "order: \(order)\n"
        if let meetingSlug { yaml += "meeting: \(meetingSlug)\n" }
        let body = team.description.map(DeckMarkdown.escape)
        return ImportedFile(path: "briefings/\(team.slug).md", text: document(yaml, body))
    }

    static func recommendation(_ rec: DeckRecommendation, team: DeckTeam, meetingSlug: String?) -> ImportedFile {
        var yaml = "number: \(rec.number)\n"
        yaml += "title: \(YAMLText.scalar(rec.title))\n"
        yaml += "briefing: \(team.slug)\n"
        if !rec.questions.isEmpty {
            yaml += "questions:\n"
            for q in rec.questions {
                if let label = q.deckLabel {
                    let how = label.wholeMatch(of: /\d+ Q:/) != nil ? " without a sub-number" : ""
                    yaml += "  # The deck numbers this question \"\(label)\"\(how).\n"
                }
                yaml += "  - id: \(YAMLText.quoted(q.id))\n"
                yaml += q.text.isEmpty
                    ? "    text: \"\"\n"
                    : YAMLText.block(key: "text", DeckMarkdown.escape(q.text), indent: "    ")
                yaml += "    status: open\n"
                if let meetingSlug { yaml += "    asked: \(meetingSlug)\n" }
            }
        }
        let body = rec.paragraphs.map(DeckMarkdown.escape)
        return ImportedFile(path: "recommendations/\(rec.number).md", text: document(yaml, body))
    }

    static func meeting(_ meeting: DeckMeeting, slug: String) -> ImportedFile {
        var yaml = "title: \(YAMLText.scalar(meeting.title))\n"
        if let number = meeting.number { yaml += "number: \(number)\n" }
        var body: [String] = []
        if !meeting.agenda.isEmpty {
            body.append("## Agenda")
            var list = ""
            for item in meeting.agenda {
                let marker = "\(item.number). "
                list += marker + DeckMarkdown.escape(item.text) + "\n"
                // A nested list must start where the item's text starts.
                let indent = String(repeating: " ", count: marker.count)
                for sub in item.subItems {
                    list += "\(indent)- (\(sub.letter)) \(DeckMarkdown.escape(sub.text))\n"
                }
            }
            body.append(String(list.dropLast()))
        }
        body += meeting.notes.map(DeckMarkdown.escape)
        return ImportedFile(path: "meetings/\(slug).md", text: document(yaml, body))
    }

    static func page(_ slide: DeckSlide, slug: String) -> ImportedFile {
        let yaml = "title: \(YAMLText.scalar(slide.title))\n"
        return ImportedFile(path: "pages/\(slug).md", text: document(yaml, slide.paragraphs.map(DeckMarkdown.escapeLinking)))
    }

    private static func document(_ frontMatter: String, _ paragraphs: [String]) -> String {
        let body = paragraphs.filter { !$0.isEmpty }.joined(separator: "\n\n")
        return "---\n\(frontMatter)---\n" + (body.isEmpty ? "" : body + "\n")
    }
}
