import Foundation

/// One line of a deck after normalisation, numbered as in the source file.
public struct DeckLine: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Trimmed text with runs of spaces collapsed.
        case text(String)
        case blank
        /// A form feed, a footer ("| 22") or a page number: the slide ended here.
        case slideBreak
    }

    /// 1-based line number in the source file.
    public var number: Int
    public var kind: Kind
    /// The line starts a new text box. pdftotext indents a slide's title box by a
    /// space while body text is flush left, which is often the only trace of where
    /// one slide ends and the next begins.
    public var opensBlock: Bool

    public init(number: Int, kind: Kind, opensBlock: Bool = false) {
        self.number = number
        self.kind = kind
        self.opensBlock = opensBlock
    }

    public var text: String? {
        if case let .text(t) = kind { return t }
        return nil
    }
}

/// The deck as normalised lines, plus what the reader had to drop on the way.
public struct DeckText: Equatable, Sendable {
    public var lines: [DeckLine]
    public var warnings: [ImportWarning]
}

/// Bytes → normalised lines. Accepts what exports of slide decks look like (BOM,
/// CRLF, tabs, trailing spaces, form feeds, footers); rejects what is not text.
public enum DeckReader {
    public static func read(contentsOf url: URL) throws -> DeckText {
        try read(data(at: url), path: url.path)
    }

    /// The file's bytes, or an error that says why there are none.
    public static func data(at url: URL) throws -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ImportError.unreadable(path: url.path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError.unreadable(path: url.path, reason: "it is a folder") }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw ImportError.unreadable(path: url.path, reason: FileManager.default.isReadableFile(atPath: url.path)
                ? (error as NSError).localizedDescription : "permission denied")
        }
    }

    public static func read(_ data: Data, path: String) throws -> DeckText {
        let string = try decode(data, path: path)
        var warnings: [ImportWarning] = []
        var raw: [RawLine] = []
        for (index, line) in physicalLines(string).enumerated() {
            let number = index + 1
            let cleaned = dropControlCharacters(line)
            if cleaned.count != line.count {
                warnings.append(ImportWarning(line: number, "dropped control characters"))
            }
            // A form feed inside a line still ends the slide there.
            let pieces = cleaned.split(separator: "\u{0C}", omittingEmptySubsequences: false)
            for (p, piece) in pieces.enumerated() {
                if p > 0 { raw.append(RawLine(number: number, text: nil, indent: 0, isBreak: true)) }
                let spaced = piece.replacingOccurrences(of: "\t", with: " ")
                let indent = spaced.prefix { $0 == " " }.count
                let text = collapseSpaces(spaced.trimmingCharacters(in: .whitespaces))
                if p > 0 && p == pieces.count - 1 && text.isEmpty { continue }
                raw.append(RawLine(number: number, text: text, indent: indent, isBreak: false))
            }
        }
        return DeckText(lines: classify(raw), warnings: warnings)
    }

    // MARK: - Decoding

    private static func decode(_ data: Data, path: String) throws -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ImportError.notText(path: path, reason: "UTF-16 encoded; convert it to UTF-8")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw ImportError.notText(path: path, reason: "binary data: NUL byte at offset \(nul)")
        }
        guard var string = String(data: data, encoding: .utf8) else {
            throw ImportError.notText(path: path, reason: "not valid UTF-8 at line \(firstInvalidLine(bytes))")
        }
        if string.hasPrefix("\u{FEFF}") { string.removeFirst() }
        return string
    }

    private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        for (index, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where String(data: Data(line), encoding: .utf8) == nil {
            return index + 1
        }
        return 1
    }

    /// CRLF, lone CR and LF all end a line; Swift's Character view would merge "\r\n".
    private static func physicalLines(_ string: String) -> [String] {
        var lines: [String] = []
        var current = ""
        var scalars = string.unicodeScalars.makeIterator()
        var pendingCR = false
        while let s = scalars.next() {
            if pendingCR {
                pendingCR = false
                if s == "\n" { continue }
            }
            switch s {
            case "\r":
                lines.append(current); current = ""; pendingCR = true
            case "\n":
                lines.append(current); current = ""
            default:
                current.unicodeScalars.append(s)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    private static func dropControlCharacters(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        for s in line.unicodeScalars {
            let isControl = s.value < 0x20 || s.value == 0x7F
            if !isControl || s == "\t" || s == "\u{0C}" { out.append(s) }
            else if s == "\u{0B}" { out.append(" ") }
        }
        return String(out)
    }

    private static func collapseSpaces(_ text: String) -> String {
        guard text.contains("  ") else { return text }
        var out = ""
        var previousSpace = false
        for c in text {
            if c == " " {
                if !previousSpace { out.append(c) }
                previousSpace = true
            } else {
                out.append(c)
                previousSpace = false
            }
        }
        return out
    }

    // MARK: - Slide breaks and text boxes

    private struct RawLine {
        var number: Int
        var text: String?
        var indent: Int
        var isBreak: Bool
    }

    private static func classify(_ raw: [RawLine]) -> [DeckLine] {
        let texts = raw.filter { !($0.text ?? "").isEmpty && !$0.isBreak }
        let indented = texts.filter { $0.indent > 0 }.count
        // When most lines are indented (pdftotext -layout), indentation is layout, not a title box.
        let indentationMarksBoxes = indented > 0 && indented * 2 < texts.count

        var lines: [DeckLine] = []
        var previousText: String?
        for (i, line) in raw.enumerated() {
            guard !line.isBreak, let text = line.text else {
                lines.append(DeckLine(number: line.number, kind: .slideBreak))
                continue
            }
            if text.isEmpty {
                lines.append(DeckLine(number: line.number, kind: .blank))
                continue
            }
            if isFooter(text) || isPageNumber(text, at: i, in: raw, after: previousText) {
                lines.append(DeckLine(number: line.number, kind: .slideBreak))
                continue
            }
            lines.append(DeckLine(number: line.number, kind: .text(text),
                                  opensBlock: indentationMarksBoxes && line.indent > 0))
            previousText = text
        }
        return lines
    }

    /// "| 22", "22 |", "Page 3", "Slide 3 of 20", "3 / 20", "ICANN | 22".
    static func isFooter(_ text: String) -> Bool {
        if text.wholeMatch(of: /[^|]{0,60}\|\s*\d{1,4}/) != nil { return true }
        if text.wholeMatch(of: /\d{1,4}\s*\|/) != nil { return true }
        if text.wholeMatch(of: /(?i:page|slide)\s+\d{1,4}(\s*(of|\/)\s*\d{1,4})?/) != nil { return true }
        return text.wholeMatch(of: /\d{1,4}\s*\/\s*\d{1,4}/) != nil
    }

    /// A bare number is a page number unless it completes a "Rec" label above it, or
    /// it sits inside a paragraph (text right above and right below).
    private static func isPageNumber(_ text: String, at index: Int, in raw: [RawLine], after previousText: String?) -> Bool {
        guard text.wholeMatch(of: /\d{1,4}/) != nil else { return false }
        if let previousText, DeckPatterns.isBareRecLabel(previousText) { return false }
        let before = index > 0 ? raw[index - 1] : nil
        let after = index + 1 < raw.count ? raw[index + 1] : nil
        let openAbove = before == nil || before!.isBreak || (before!.text ?? "").isEmpty
        let openBelow = after == nil || after!.isBreak
        return openAbove || openBelow
    }
}
