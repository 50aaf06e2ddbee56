import Foundation
import Yams

/// Load stage: reads every content file and decodes it into plain values.
public struct ContentLoader: Sendable {
    /// Larger files are refused: no briefing needs them, and they would only slow the build.
    public static let maxFileSize = 32 << 20

    public init() {}

    public func load(_ tree: SourceTree) -> (SiteContent, Diagnostics) {
        let (content, diagnostics, _) = load(tree, reusing: nil)
        return (content, diagnostics)
    }

    /// A file's text and where it sits: what its decoding depends on.
    struct Key: Hashable, Sendable {
        var kind: SourceTree.Kind
        var slug: String
        var displayPath: String
        var text: ContentHash
    }

    typealias Decoded = (item: Item?, diagnostics: [Diagnostic])

    /// `load`, taking a file's decoding from `previous` when its text is the same,
    /// and returning this build's decodings for the next one (see `BuildMemory`).
    /// Without `previous` (a build that keeps nothing), texts are neither hashed nor kept.
    /// `read`: files a build read already, in `tree.files`' order (`BuildInputs.content`);
    /// the others are read here.
    func load(_ tree: SourceTree, reusing previous: [Key: Decoded]?, read: [SourceTree.Read?] = [])
        -> (SiteContent, Diagnostics, [Key: Decoded]) {
        var diagnostics = tree.diagnostics
        let config = loadConfig(tree, into: &diagnostics)
        let files = tree.files
        let decoded = Array(files.indices).parallelMap { i -> (Decoded, Key?) in
            let file = files[i]
            let given = i < read.count ? read[i] : nil
            let text = given.map { Self.text($0.bytes, shown: file.displayPath) } ?? Self.read(file.path, shown: file.displayPath)
            switch text {
            case .failure(let d): return ((nil, [d]), nil)
            case .success(let text):
                guard let previous else { return (Self.decode(text: text, file: file), nil) }
                // Keyed by the bytes actually read, so a file that changes meanwhile is never mistaken.
                let key = Key(kind: file.kind, slug: file.slug, displayPath: file.displayPath, text: given?.hash ?? ContentHash(text))
                return (previous[key] ?? Self.decode(text: text, file: file), key)
            }
        }
        var kept: [Key: Decoded] = [:]
        for (result, key) in decoded { if let key { kept[key] = result } }
        var content = SiteContent(config: config)
        for ((item, findings), _) in decoded {
            diagnostics.append(contentsOf: findings)
            switch item {
            case .recommendation(let r)?: content.recommendations.append(r)
            case .briefing(let b)?: content.briefings.append(b)
            case .meeting(let m)?: content.meetings.append(m)
            case .page(let p)?: content.pages.append(p)
            case nil: break
            }
        }
        return (content, diagnostics, kept)
    }

    enum Item: Sendable {
        case recommendation(Recommendation), briefing(Briefing), meeting(Meeting), page(Page)
    }

    /// Reads a file and hands its text to a decoder. Every failure becomes a diagnostic.
    static func read(_ path: String, shown: String) -> Result<String, Diagnostic> {
        let at = SourceLocation(path: shown)
        // `lstat`, as `FileManager.attributesOfItem` does, without its dictionary and extended attributes.
        var status = stat()
        if lstat(path, &status) == 0, case let size = Int(status.st_size), size > maxFileSize {
            return .failure(tooLarge(size, at: at))
        }
        // Read with plain calls (`serve` reads every source on each rebuild); only a file that
        // cannot be read goes through Foundation, whose error says why in the words it always has.
        if let bytes = FileIO.read(path) { return text(bytes, shown: shown) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path, isDirectory: false))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            return .failure(.error(at, "cannot read file: \(reason)"))
        }
        return text([UInt8](data), shown: shown)
    }

    static func tooLarge(_ size: Int, at: SourceLocation) -> Diagnostic {
        .error(at, "file is \(size >> 20) MiB; content files are limited to \(maxFileSize >> 20) MiB")
    }

    /// A file's bytes as text, as `read` gives it.
    static func text(_ bytes: [UInt8], shown: String) -> Result<String, Diagnostic> {
        guard bytes.count <= maxFileSize else { return .failure(tooLarge(bytes.count, at: SourceLocation(path: shown))) }
        switch SourceText.decode(bytes) {
        case .success(let text): return .success(text)
        case .failure(.notUTF8(let line, let column)):
            return .failure(.error(SourceLocation(path: shown, line: line, column: column), "file is not valid UTF-8 text"))
        case .failure(.binary(let line, let column)):
            return .failure(.error(SourceLocation(path: shown, line: line, column: column), "file contains a NUL byte: not a text file"))
        case .failure(.control(let line, let column, let scalar)):
            return .failure(.error(SourceLocation(path: shown, line: line, column: column),
                                   "file contains the control character U+\(String(format: "%04X", scalar)), which a web page cannot hold"))
        }
    }

    static func decode(_ file: SourceTree.File) -> (Item?, [Diagnostic]) {
        let text: String
        switch read(file.path, shown: file.displayPath) {
        case .success(let t): text = t
        case .failure(let d): return (nil, [d])
        }
        return decode(text: text, file: file)
    }

    static func decode(text: String, file: SourceTree.File) -> (Item?, [Diagnostic]) {
        let path = file.displayPath
        let parts: FrontMatterSplitter.Parts
        switch FrontMatterSplitter.split(text) {
        case .success(let p): parts = p
        case .failure:
            return (nil, [.error(SourceLocation(path: path), "front matter opened with '---' on line 1 is never closed by a line '---'")])
        }
        guard let yaml = parts.yaml else {
            return (nil, [.error(SourceLocation(path: path), "missing front matter: a content file starts with a line '---', its YAML fields, and another '---'")])
        }
        let source = YAMLSource(path: path, yaml: yaml, firstLine: parts.yamlLine)
        let root: Node?
        switch source.compose() {
        case .success(let n): root = n
        case .failure(let d): return (nil, [d])
        }
        guard case .mapping(let mapping)? = root else {
            let at = root.flatMap { source.location(of: $0) } ?? SourceLocation(path: path, line: parts.yamlLine)
            return (nil, [.error(at, "front matter must be a mapping of fields (key: value)")])
        }
        let sink = DiagnosticSink()
        let fields = FieldReader(mapping: mapping, at: SourceLocation(path: path, line: parts.yamlLine), source: source, diagnostics: sink)
        let body = MarkdownText(parts.body, origin: SourceLocation(path: path, line: parts.bodyLine))
        let item: Item?
        switch file.kind {
        case .recommendations: item = RecommendationDecoder.decode(fields, body: body, file: file).map(Item.recommendation)
        case .briefings: item = briefing(fields, body: body, file: file).map(Item.briefing)
        case .meetings: item = MeetingDecoder.decode(fields, body: body, file: file).map(Item.meeting)
        case .pages: item = page(fields, body: body, file: file).map(Item.page)
        }
        fields.warnUnknown()
        return (sink.diagnostics.hasErrors ? nil : item, sink.diagnostics.all)
    }

    static func briefing(_ f: FieldReader, body: MarkdownText, file: SourceTree.File) -> Briefing? {
        let title = f.string("title", required: true)
        let team = f.string("team", required: true)
        let date = f.day("date")
        let meeting = f.string("meeting")
        let order = f.int("order", positive: false)
        let materials = f.links("materials")
        guard let title, let team else { return nil }
        return Briefing(slug: file.slug, title: title, team: team, date: date, meeting: meeting,
                        meetingLocation: meeting == nil ? nil : f.keyLocation("meeting"), order: order,
                        materials: materials, body: body, path: file.displayPath)
    }

    static func page(_ f: FieldReader, body: MarkdownText, file: SourceTree.File) -> Page? {
        guard let title = f.string("title", required: true) else { return nil }
        return Page(slug: file.slug, title: title, body: body, path: file.displayPath)
    }

    func loadConfig(_ tree: SourceTree, into diagnostics: inout Diagnostics) -> SiteConfig {
        var config = SiteConfig()
        guard let url = tree.config else {
            diagnostics.warning(SourceLocation(path: tree.displayRoot + "briefing.yml"), "no briefing.yml: using the default title and no base_url")
            return config
        }
        let shown = tree.displayRoot + "briefing.yml"
        let text: String
        switch Self.read(url.path, shown: shown) {
        case .success(let t): text = t
        case .failure(let d): diagnostics.append(d); return config
        }
        let source = YAMLSource(path: shown, yaml: text, firstLine: 1)
        let root: Node?
        switch source.compose() {
        case .success(let n): root = n
        case .failure(let d): diagnostics.append(d); return config
        }
        guard let root else { return config }
        guard case .mapping(let mapping) = root else {
            diagnostics.error(source.location(of: root) ?? SourceLocation(path: shown), "briefing.yml must be a mapping of settings")
            return config
        }
        let sink = DiagnosticSink()
        let f = FieldReader(mapping: mapping, at: SourceLocation(path: shown), source: source, diagnostics: sink)
        if let v = f.string("title") { config.title = v }
        if let v = f.string("base_url") {
            if let problem = SiteConfig.baseURLProblem(v) {
                f.error(f.keyLocation("base_url"), "'base_url' \(problem), not '\(v)'")
            } else {
                config.baseURL = v
            }
        }
        if let v = f.string("review") { config.review = v }
        if let v = f.string("language") {
            if !ASCIIShape.isLanguageTag(v) {
                f.error(f.keyLocation("language"), "'language' must be a language tag such as en or pt-BR, not '\(v)'")
            } else {
                config.language = v
            }
        }
        if let v = f.string("description") { config.description = v }
        if let v = f.bool("unsafe_html") { config.unsafeHTML = v }
        if let v = f.bool("pretty_links") { config.prettyLinks = v }
        if let v = f.int("feed_limit", positive: false) {
            if v < 0 {
                f.error(f.keyLocation("feed_limit"), "'feed_limit' must be 0 (every entry) or more, not \(v)")
            } else {
                config.feedLimit = v
            }
        }
        f.warnUnknown()
        diagnostics.append(contentsOf: sink.diagnostics)
        return config
    }
}
