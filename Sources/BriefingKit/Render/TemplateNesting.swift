/// What `Theme.load` learned of how the templates nest, kept for the page that
/// goes too deep anyway: a dynamic partial (`{{>*name}}`) is named by the data,
/// so no check before rendering can tell where it leads.
struct TemplateNesting: Sendable {
    /// The site's templates' paths as shown in diagnostics, by name.
    var sources: [String: String] = [:]
    /// Every template's references, for a position in the one that is blamed.
    var references: [String: [TemplateOutline.Reference]] = [:]
    /// `PartialCycles.throughBlocks` followed every way to its end, over every
    /// template's parse: no page nests `TemplateRenderer.nestingLimit` deep, so
    /// rendering cannot fail, and swift-mustache (which has no limit) may render a
    /// page that `TemplateRenderer` cannot.
    var bounded = true

    /// The error for a page that went too deep: at the site's template in the loop
    /// (where a fix belongs), at its reference to the next step when there is one.
    func diagnostic(_ e: TemplateRenderer.TooDeep, page: String) -> Diagnostic {
        let trail = Array(e.trail.reversed())
        // The loop, where a template comes round again; else (a chain that deep) from the
        // site's first template in it, so that every page that meets it says the same.
        var loop = Array(trail.drop { sources[$0] == nil })
        if let last = trail.last, let start = trail.dropLast().lastIndex(of: last) { loop = Array(trail[start...]) }
        if loop.isEmpty { loop = trail }
        let templates = loop.filter { references[$0] != nil }
        let blamed = templates.first { sources[$0] != nil } ?? (sources[page] != nil ? page : templates.first ?? page)
        var line = 1, column = 1
        if let i = loop.firstIndex(of: blamed), i + 1 < loop.count,
           let at = references[blamed]?.first(where: { $0.kind != .block && !$0.dynamic && $0.name == loop[i + 1] })
            ?? references[blamed]?.first(where: \.dynamic) {
            (line, column) = (at.line, at.column)
        }
        return .error(location(blamed, line: line, column: column),
                      "template '\(blamed)' nests partials more than \(TemplateRenderer.nestingLimit) deep; it probably includes itself through \(loop.joined(separator: " → "))")
    }

    /// The error for a page that only swift-mustache can render while the nesting is not
    /// bounded: it would follow a loop until the stack runs out. At the dynamic partial
    /// that unbounds it, and the same for every page, so that it is reported once.
    func unchecked(page: String) -> Diagnostic {
        let dynamic = references.keys.sorted().lazy.compactMap { name in self.references[name]?.first(where: \.dynamic) }.first
        let at = dynamic.map { location($0.template, line: $0.line, column: $0.column) } ?? location(page, line: 1, column: 1)
        return .error(at, "cannot render the pages safely: swift-mustache would have to render them, and it does not stop "
                          + "a dynamic partial ({{>*name}}) that includes its own template; please report this")
    }

    private func location(_ template: String, line: Int, column: Int) -> SourceLocation {
        Self.location(template, in: sources, line: line, column: column)
    }

    /// A place in a template: in the site's file when `sources` names one, else in the built-in.
    static func location(_ template: String, in sources: [String: String], line: Int = 1, column: Int = 1) -> SourceLocation {
        SourceLocation(path: sources[template] ?? "<built-in>/\(template).mustache", line: line, column: column)
    }
}
