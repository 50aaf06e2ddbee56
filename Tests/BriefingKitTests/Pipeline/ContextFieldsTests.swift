import Mustache
import Testing
@testable import BriefingKit

/// Pages hand templates `ContextFields` where they handed `[String: Any]`: a template,
/// the site's own or a maintainer's, must not tell the two apart.
@Suite struct ContextFieldsTests {
    /// Templates that read fields every way Mustache can: names, dotted names, sections
    /// over a value, a list and an empty value, inverted sections, and the transforms.
    static let templates = [
        "{{title}}|{{site.title}}|{{#site}}{{review}}{{/site}}|{{^missing}}none{{/missing}}",
        "{{#rows}}{{n}}:{{label}}{{^last}},{{/last}}{{/rows}}{{^rows}}no rows{{/rows}}",
        "{{#empty}}[shown once]{{/empty}}{{^empty}}hidden{{/empty}}|{{count(site)}}|{{#empty(empty)}}E{{/empty(empty)}}",
        "{{#sorted(site)}}{{key}}={{value}};{{/sorted(site)}}|{{one}}|{{#site}}{{title}} in {{n}}{{/site}}",
        "{{#rows}}{{#site}}{{title}}{{/site}}{{/rows}}|{{rows.0.label}}|{{#first(rows)}}first{{/first(rows)}}",
    ]

    nonisolated(unsafe) static let dictionary: [String: Any] = [
        "title": "Page <1>", "n": 3,
        "site": ["title": "SSR1 & more", "review": "SSR2"] as [String: Any],
        "rows": [["n": 1, "label": "a"] as [String: Any], ["n": 2, "label": "b", "last": true] as [String: Any]],
        "empty": [String: Any](), "one": ["k": "v"] as [String: Any],
    ]

    /// The same context as fields, made as page builders make them: nested fields and lists of fields.
    nonisolated(unsafe) static let fields: ContextFields = [
        "title": "Page <1>", "n": 3,
        "site": ["title": "SSR1 & more", "review": "SSR2"] as ContextFields,
        "rows": [["n": 1, "label": "a"] as ContextFields, ["n": 2, "label": "b", "last": true] as ContextFields],
        "empty": ContextFields(), "one": ["k": "v"] as ContextFields,
    ]

    @Test func templatesReadFieldsAsTheyReadADictionary() throws {
        for (i, text) in Self.templates.enumerated() {
            var library = Mustache.MustacheLibrary()
            try library.register(text, named: "t")
            let renderer = TemplateRenderer(programs: TemplatePrograms(library, names: ["t"]).programs)
            let expected = try #require(library.render(Self.dictionary, withTemplate: "t"))
            #expect(!expected.isEmpty)
            // swift-mustache itself (a theme it must render) and the renderer builds use.
            #expect(library.render(Self.fields, withTemplate: "t") == expected, "template \(i) through swift-mustache")
            #expect(String(decoding: try renderer.render("t", Self.fields), as: UTF8.self) == expected, "template \(i)")
        }
    }

    @Test func namesKeepTheirPlaceAndTheLastValueSetWins() {
        var f: ContextFields = ["a": 1, "b": "two", "c": true]
        f["b"] = "2"
        f["d"] = 4
        f["a"] = nil
        f["missing"] = nil
        #expect(f.indices.map { f.name(at: $0) } == ["b", "c", "d"])
        #expect(f["b"] as? String == "2" && f["c"] as? Bool == true && f["d"] as? Int == 4)
        #expect(f["a"] == nil && f.count == 3)
        // A name that shares a length or a prefix with another is still told apart.
        let g: ContextFields = ["url": 1, "urn": 2, "urls": 3, "a-long-name-past-fifteen-bytes": 4, "a-long-name-past-fifteen-bytez": 5]
        #expect(g["urn"] as? Int == 2 && g["urls"] as? Int == 3 && g["ur"] == nil)
        #expect(g["a-long-name-past-fifteen-bytez"] as? Int == 5)
    }

    @Test func printedAsADictionaryPrintsItself() {
        #expect(String(describing: ContextFields()) == String(describing: [String: Any]()))
        #expect(String(describing: ["k": "v"] as ContextFields) == String(describing: ["k": "v"] as [String: Any]))
        #expect(String(describing: ["n": 1, "s": "x"] as ContextFields) == #"["n": 1, "s": "x"]"#)
    }

    @Test func fingerprintsFollowEveryNameAndValue() {
        let base: ContextFields = ["title": "Rec 1", "count": 1, "rows": [["a": "1"] as ContextFields]]
        let variants: [ContextFields] = [
            ["title": "Rec 2", "count": 1, "rows": [["a": "1"] as ContextFields]],
            ["title": "Rec 1", "count": 2, "rows": [["a": "1"] as ContextFields]],
            ["title": "Rec 1", "count": 1, "rows": [["b": "1"] as ContextFields]],
            ["title": "Rec 1", "count": 1, "rows": [["a": "1"] as ContextFields, ["a": "1"] as ContextFields]],
            ["title": "Rec 1", "count": 1, "rows": [["a": "1"] as ContextFields], "extra": ""],
            ["titl": "eRec 1", "count": 1, "rows": [["a": "1"] as ContextFields]],
        ]
        let again: ContextFields = ["title": "Rec 1", "count": 1, "rows": [["a": "1"] as ContextFields]]
        #expect(PageFingerprintTests.fingerprint(base) != nil)
        #expect(PageFingerprintTests.fingerprint(base) == PageFingerprintTests.fingerprint(again))
        let seen = Set(([base] + variants).compactMap { PageFingerprintTests.fingerprint($0) })
        #expect(seen.count == variants.count + 1)
    }

    /// A question's meeting and backlinks are fields too, not `[String: String]`: a template
    /// that enumerates them gets their names in the order given, where a dictionary's order
    /// changed from run to run (and each one hashed its names).
    @Test func aQuestionsNestedValuesAreFieldsInAFixedOrder() throws {
        let temp = try TempSite.minimal()
        defer { temp.cleanUp() }
        let plan = try #require(SiteBuilder(temp.options()).prepare(scanned: nil, forBuild: true).0)
        let r = try #require(plan.site.recommendations.first)
        var view = QuestionView(r.questions[0], of: r, showRecommendation: false, frame: PageFrame(site: plan.site, dir: "recommendations/1"))
        view.asked = QuestionView.Meeting(slug: "call-1", title: "Call 1")
        view.backlinks = [Backlink(label: "Call 2", path: "meetings/call-2/", order: .page("call-2"))]
        let fields = QuestionFields(view)
        #expect(fields.child(.asked) is ContextFields)
        #expect(fields.child(.backlinks) is [ContextFields])
        var library = Mustache.MustacheLibrary()
        try library.register("{{#enumerated(asked)}}{{key}}={{value}};{{/enumerated(asked)}}|{{#backlinks}}{{label}} {{url}}{{/backlinks}}", named: "t")
        let renderer = TemplateRenderer(programs: TemplatePrograms(library, names: ["t"]).programs)
        #expect(String(decoding: try renderer.render("t", fields), as: UTF8.self)
                == "title=Call 1;url=../../meetings/call-1/index.html;|Call 2 ../../meetings/call-2/")
    }
}
