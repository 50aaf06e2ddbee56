/// Templates that would render inside themselves. The site's data has no recursive
/// shapes, so such a template never stops rendering: the stack runs out and the
/// build dies (a `templates/footer.mustache` holding `{{> footer}}` did exactly that).
/// Found before rendering, it is an error at the reference that closes the loop.
///
/// Two searches over the templates as swift-mustache parsed them (`TemplateOutline`):
/// `find`, over which templates name which (`{{> name}}`, `{{< name}}`), and
/// `throughBlocks`, which renders the outlines as swift-mustache would, block
/// overrides in force, for the loops that only an override closes: an override
/// stays in force in every template it reaches, so `{{<base}}{{$main}}{{> page}}{{/main}}{{/base}}`,
/// with `page` a child of `base` too, shows `page` inside `page` without end.
enum PartialCycles {
    typealias Reference = TemplateOutline.Reference

    struct Cycle: Equatable {
        /// What includes itself: "template 'footer'", "block 'main' of 'not-found'".
        var subject: String
        /// What the loop goes through, in order, back to the first: templates by name, blocks as "block 'main' of 'x'".
        var steps: [String]
        /// The reference that closes the loop, in a site template when one is in it.
        var reference: Reference

        var message: String {
            "\(subject) includes itself (" + (steps + [steps[0]]).joined(separator: " → ") + "), so it would never finish rendering"
        }
    }

    /// Every cycle of templates naming each other, once, starting from its first name in
    /// sorted order among those in `preferred` (the site's own templates, where a fix
    /// belongs), else among all.
    static func find(_ outlines: [String: TemplateOutline], preferred: Set<String> = []) -> [Cycle] {
        let refs = outlines.mapValues(\.includes)
        var state: [String: Bool] = [:]  // false: on the current path; true: done
        var path: [String] = []
        var cycles: [Cycle] = []
        func visit(_ name: String) {
            state[name] = false
            path.append(name)
            for next in Set((refs[name] ?? []).map(\.name)).sorted() where outlines[next] != nil {
                switch state[next] {
                case nil: visit(next)
                case false?:
                    var names = Array(path[path.lastIndex(of: next)!...])
                    let candidates = names.indices.filter { preferred.contains(names[$0]) }
                    let first = (candidates.isEmpty ? Array(names.indices) : candidates).min { names[$0] < names[$1] }!
                    names = Array(names[first...] + names[..<first])
                    let to = names.count > 1 ? names[1] : names[0]
                    if let at = refs[names[0]]?.first(where: { $0.name == to }), !cycles.contains(where: { $0.steps == names }) {
                        cycles.append(Cycle(subject: "template '\(names[0])'", steps: names, reference: at))
                    }
                case true?: break
                }
            }
            path.removeLast()
            state[name] = true
        }
        for name in outlines.keys.sorted() where state[name] == nil { visit(name) }
        return cycles
    }

    /// What `throughBlocks` found.
    struct Rendering {
        var cycles: [Cycle] = []
        /// Whether every way through the templates was followed to its end: then no page
        /// nests templates more than `limit` deep, and rendering cannot run away. Not so
        /// with a dynamic partial (the data names it), a template whose parse could not be
        /// read, or more references to follow than `budget`.
        var bounded = true
    }

    /// Renders every template's outline as swift-mustache would, each section shown:
    /// a template or an overriding block met again, with the same overrides in force,
    /// inside itself is a loop. Nesting is followed `limit` deep, as `TemplateRenderer`
    /// renders it; `budget` bounds the work (overrides could combine without end in a
    /// made-up theme): it counts the references followed.
    static func throughBlocks(_ outlines: [String: TemplateOutline], preferred: Set<String> = [],
                              limit: Int = TemplateRenderer.nestingLimit, budget: Int = 1_000_000) -> Rendering {
        var search = BlockSearch(outlines: outlines, preferred: preferred, limit: limit, budget: budget)
        for name in outlines.keys.sorted() { search.enter(.template(name), [:], via: nil) }
        return search.found
    }
}

/// The depth-first walk behind `PartialCycles.throughBlocks`.
private struct BlockSearch {
    /// What is being rendered: a template, or the body of an overriding block.
    enum Frame: Hashable {
        case template(String)
        case override(ObjectIdentifier, block: String, of: String)

        var label: String {
            switch self {
            case .template(let name): name
            case .override(_, let block, let owner): "block '\(block)' of '\(owner)'"
            }
        }
    }

    /// A frame with the overrides in force: met again inside itself, it never ends.
    struct State: Hashable {
        var frame: Frame
        var overrides: [String: ObjectIdentifier]
    }

    let outlines: [String: TemplateOutline]
    let preferred: Set<String>
    let limit: Int
    let budget: Int
    var found = PartialCycles.Rendering()
    private var done: Set<State> = []
    private var onPath: [State: Int] = [:]
    /// The frames being rendered, each with the reference that entered it.
    private var path: [(state: State, via: PartialCycles.Reference?)] = []
    private var work = 0
    /// Loops reported, as the frames they go through (many references may close one), and
    /// the references they were reported at (one may close several, from different pages).
    private var reported: Set<[State]> = []
    private var reportedAt: Set<PartialCycles.Reference> = []

    /// The template whose `{{< parent}}` gives each overriding block.
    private let owners: [ObjectIdentifier: String]

    init(outlines: [String: TemplateOutline], preferred: Set<String>, limit: Int, budget: Int) {
        self.outlines = outlines
        self.preferred = preferred
        self.limit = limit
        self.budget = budget
        var owners: [ObjectIdentifier: String] = [:]
        func look(_ o: TemplateOutline, _ owner: String) {
            for node in o.nodes {
                switch node {
                case .include(_, let overrides?, _):
                    for body in overrides.values {
                        owners[ObjectIdentifier(body)] = owner
                        look(body, owner)
                    }
                case .block(_, let fallback, _): look(fallback, owner)
                case .include, .dynamic: break
                }
            }
        }
        for (name, outline) in outlines { look(outline, name) }
        self.owners = owners
    }

    mutating func enter(_ frame: Frame, _ overrides: [String: TemplateOutline], via: PartialCycles.Reference?) {
        let state = State(frame: frame, overrides: overrides.mapValues(ObjectIdentifier.init))
        if let start = onPath[state] { return report(from: start, closedBy: via) }
        guard !done.contains(state) else { return }
        guard work <= budget, path.count < limit else { found.bounded = false; return }
        onPath[state] = path.count
        path.append((state, via))
        switch frame {
        case .template(let name): walk(outlines[name]!, overrides)
        case .override(_, let block, _): walk(overrides[block]!, overrides)
        }
        path.removeLast()
        onPath[state] = nil
        done.insert(state)
    }

    private mutating func walk(_ outline: TemplateOutline, _ overrides: [String: TemplateOutline]) {
        for node in outline.nodes {
            work += 1
            switch node {
            case .include(let name, let inherits, let at):
                // A partial that does not exist renders nothing.
                guard outlines[name] != nil else { continue }
                // swift-mustache's `withPartial`: overrides from further out win.
                let next = inherits.map { overrides.merging($0) { outer, _ in outer } } ?? overrides
                enter(.template(name), next, via: at)
            case .block(let name, let fallback, let at):
                if let body = overrides[name] {
                    let id = ObjectIdentifier(body)
                    enter(.override(id, block: name, of: owners[id] ?? "?"), overrides, via: at)
                } else {
                    walk(fallback, overrides)
                }
            case .dynamic:
                found.bounded = false
            }
        }
    }

    /// The loop from `path[start]` round to the reference `closing`, which re-enters it.
    private mutating func report(from start: Int, closedBy closing: PartialCycles.Reference?) {
        guard let closing, reported.insert(path[start...].map(\.state)).inserted else { return }
        let frames = path[start...].map(\.state.frame)
        // Entering frames[k] is edges[k]: the reference inside frames[k - 1] (round the loop).
        let edges = [closing] + path[(start + 1)...].compactMap(\.via)
        guard edges.count == frames.count else { return }
        let pick = edges.indices.first { preferred.contains(edges[$0].template) } ?? 0
        let steps = (0..<frames.count).map { frames[(pick + $0) % frames.count].label }
        let subject = if case .template(let name) = frames[pick] { "template '\(name)'" } else { steps[0] }
        guard reportedAt.insert(edges[pick]).inserted else { return }
        found.cycles.append(PartialCycles.Cycle(subject: subject, steps: steps, reference: edges[pick]))
    }
}
