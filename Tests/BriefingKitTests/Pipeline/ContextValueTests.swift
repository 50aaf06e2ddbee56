import Mustache
import Testing
@testable import BriefingKit

/// The renderer and the fingerprint tell context values apart through `ContextValue`:
/// each type pages hand over must come out as itself, and anything else as `other`.
@Suite struct ContextValueTests {
    @Test func eachTypePagesHandOverIsTakenAsItIs() {
        guard case .string(let s) = ContextValue("Remit" as Any), s == "Remit" else { Issue.record("string"); return }
        guard case .int(let n) = ContextValue(42 as Any), n == 42 else { Issue.record("int"); return }
        guard case .bool(let b) = ContextValue(true as Any), b else { Issue.record("bool"); return }
        guard case .fields(let f) = ContextValue(["title": "Remit", "n": 1] as ContextFields as Any),
              f["title"] as? String == "Remit", f["n"] as? Int == 1 else { Issue.record("fields"); return }
        guard case .fieldsList(let fs) = ContextValue([["a": 1] as ContextFields] as Any), fs.count == 1 else { Issue.record("[ContextFields]"); return }
        guard case .dictionary(let d) = ContextValue(["title": "Remit", "n": 1] as [String: Any] as Any),
              d["title"] as? String == "Remit", d["n"] as? Int == 1 else { Issue.record("dictionary"); return }
        guard case .stringDictionary(let sd) = ContextValue(["a": "b"] as Any), sd == ["a": "b"] else { Issue.record("[String: String]"); return }
        guard case .dictionaries(let ds) = ContextValue([["a": 1] as [String: Any]] as Any), ds.count == 1 else { Issue.record("[[String: Any]]"); return }
        guard case .stringDictionaries(let sds) = ContextValue([["a": "b"]] as Any), sds == [["a": "b"]] else { Issue.record("[[String: String]]"); return }
        guard case .strings(let ss) = ContextValue(["a", "b"] as Any), ss == ["a", "b"] else { Issue.record("[String]"); return }
        guard case .list(let l) = ContextValue([1, "a"] as [Any] as Any), l.count == 2 else { Issue.record("[Any]"); return }
    }

    /// The renderer keeps values as `ContextValue` and hands `any` to swift-mustache's rules:
    /// it must be the very value, of the very type, it was made from.
    @Test func eachValueComesBackAsItWasHandedOver() {
        let values: [Any] = [
            "Remit", 42, true, ["title": "Remit"] as ContextFields, [["a": 1] as ContextFields],
            ["n": 1] as [String: Any], ["a": "b"], [["a": 1] as [String: Any]], [["a": "b"]], ["a", "b"],
            [1, "a"] as [Any], Optional("x") as Any, Optional<String>.none as Any, ["a": 1] as [String: Int], 1.5,
        ]
        for value in values {
            let back = ContextValue(value).any
            #expect(type(of: back) == type(of: value), "\(type(of: value)) came back as \(type(of: back))")
            #expect(String(reflecting: back) == String(reflecting: value))
        }
    }

    struct Labelled { var name = "by its label"; var inner: Int? = 7 }
    final class Parent: MustacheParent {
        func child(named name: String) -> Any? { name == "who" ? "a parent" : nil }
    }

    /// Values of types pages do not hand over go through swift-mustache's own rules (casts,
    /// `Mirror`) wherever the renderer meets them: on top of a section, inside one, in a list.
    @Test func otherTypesRenderAsSwiftMustacheRendersThem() throws {
        let context: [String: Any] = [
            "some": Optional("x") as Any, "none": Optional<String>.none as Any, "ints": ["a": 1] as [String: Int],
            "numbers": [3, 4, 5], "real": 1.5, "labelled": Labelled(), "parent": Parent(), "sub": Substring("part"),
        ]
        let templates = [
            "{{some}}|{{none}}|{{#some}}[{{.}}]{{/some}}|{{^none}}no{{/none}}|{{ints.a}}|{{#ints}}{{a}}{{/ints}}",
            "{{#numbers}}{{.}}{{#first()}}^{{/first()}}{{^last()}},{{/last()}}{{/numbers}}|{{count(numbers)}}|{{real}}",
            "{{labelled.name}}|{{#labelled}}{{name}}:{{inner}}{{/labelled}}|{{parent.who}}|{{#parent}}{{who}}{{/parent}}|{{sub}}",
        ]
        for (i, text) in templates.enumerated() {
            var library = Mustache.MustacheLibrary()
            try library.register(text, named: "t")
            let renderer = TemplateRenderer(programs: TemplatePrograms(library, names: ["t"]).programs)
            let expected = try #require(library.render(context, withTemplate: "t"))
            #expect(String(decoding: try renderer.render("t", context), as: UTF8.self) == expected, "template \(i)")
        }
    }

    @Test func otherTypesAreLeftToTheGeneralRules() {
        let others: [Any] = [Optional("x") as Any, ["a": 1] as [String: Int], [1, 2], 1.5, Substring("a"), [String?]()]
        for value in others {
            guard case .other = ContextValue(value) else {
                Issue.record("\(type(of: value)) was taken as a type pages hand over")
                continue
            }
        }
    }
}
