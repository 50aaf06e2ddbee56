import Mustache
import Testing
@testable import BriefingKit

/// Every build outlines its templates for the nesting check from `TemplateProgram` (the
/// parse as the renderer reads it), not through `Mirror` again; both readings must give
/// the same outline, node for node and position for position.
@Suite struct TemplateOutlineTests {
    static func describe(_ o: TemplateOutline) -> [String] {
        o.nodes.flatMap { node -> [String] in
            func at(_ r: TemplateOutline.Reference) -> String {
                "\(r.template) \(r.kind) \(r.name) \(r.line):\(r.column)\(r.dynamic ? " dynamic" : "")"
            }
            switch node {
            case .include(let name, let overrides, let r):
                let inner = (overrides ?? [:]).keys.sorted().flatMap { key in describe(overrides![key]!).map { "  \(key): " + $0 } }
                return ["include \(name)\(overrides == nil ? "" : " overriding") @ \(at(r))"] + inner
            case .block(let name, let fallback, let r):
                return ["block \(name) @ \(at(r))"] + describe(fallback).map { "  " + $0 }
            case .dynamic(let r):
                return ["dynamic @ \(at(r))"]
            }
        }
    }

    static let samples: [String: String] = [
        "sections": "{{#a}}{{> one}}{{^b}}{{> two}}{{/b}}{{/a}}\n{{> one}}\n",
        "parent": "{{< base}}{{$main}}{{> x}}{{$inner}}{{> y}}{{/inner}}{{/main}}{{$head}}h{{/head}}{{/base}}",
        "blocks": "{{$title}}{{> fallback}}{{/title}} {{$empty}}{{/empty}}",
        "dynamic": "{{>*page}} {{<*layout}}{{$a}}{{> z}}{{/a}}{{/*layout}} {{>*page}}",
        "delimiters": "{{=<% %>=}}<%> one%>\n  <%#s%><%<two%><%$b%>x<%/b%><%/two%><%/s%>",
        "indented": "  {{> one}}\n\t{{< two}}{{/two}}\n",
    ]

    @Test func theProgramGivesTheParsesOutline() throws {
        var texts = Self.samples
        for (name, bytes) in Theme.builtIn { texts[name] = String(decoding: bytes, as: UTF8.self) }
        var library = MustacheLibrary()
        for (name, text) in texts { try library.register(text, named: name) }
        var compared = 0
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            let template = try #require(library.getTemplate(named: name))
            let tags = TemplateTags(text)
            let mirrored = try #require(TemplateOutline.read(template, named: name, tags: tags))
            let program = try TemplateProgram(template)
            let read = TemplateOutline.read(program, named: name, tags: tags)
            #expect(Self.describe(read) == Self.describe(mirrored), "\(name)")
            #expect(read.references == mirrored.references, "\(name)")
            compared += 1
        }
        #expect(compared == texts.count)
        // The samples reach every kind of node.
        let all = texts.keys.flatMap { name in
            Self.describe(TemplateOutline.read(try! TemplateProgram(library.getTemplate(named: name)!), named: name, tags: TemplateTags(texts[name]!)))
        }
        for kind in ["include", "overriding", "block", "dynamic", "  "] {
            #expect(all.contains { $0.contains(kind) }, "no \(kind) node")
        }
    }
}
