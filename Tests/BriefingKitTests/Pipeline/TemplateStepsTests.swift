import Mustache
import Testing
@testable import BriefingKit

/// `TemplateRenderer` runs a program by its `steps`, plain values made once from its
/// `nodes`: each step must say what its node says.
@Suite struct TemplateStepsTests {
    static func expectStepsAreNodes(_ program: TemplateProgram, _ name: String) {
        #expect(program.steps.count == program.nodes.count, "\(name)")
        for (i, node) in program.nodes.enumerated() where i < program.steps.count {
            let step = program.steps[i]
            switch node {
            case .text(let bytes):
                #expect(step.kind == .text && Array(step.bytes) == bytes, "\(name) node \(i)")
            case .variable(let v, let escaped):
                #expect(step.kind == .variable && step.flag == escaped, "\(name) node \(i)")
                #expect(step.name?.takeUnretainedValue().name.text == v.text, "\(name) node \(i)")
            case .section(let v, let inner, let inverted):
                #expect(step.kind == .section && step.flag == inverted, "\(name) node \(i)")
                #expect(step.name?.takeUnretainedValue().name.text == v.text, "\(name) node \(i)")
                #expect(step.program?.takeUnretainedValue() === inner, "\(name) node \(i)")
                expectStepsAreNodes(inner, "\(name) > \(v.text)")
            case .block(_, let inner, _):
                #expect(step.kind == .node && step.node == i, "\(name) node \(i)")
                expectStepsAreNodes(inner, "\(name) block")
            case .partial(_, _, let inherits), .dynamicPartial(_, _, let inherits):
                #expect(step.kind == .node && step.node == i, "\(name) node \(i)")
                for (block, inner) in inherits ?? [:] { expectStepsAreNodes(inner, "\(name) $\(block)") }
            case .contentType:
                #expect(step.kind == .node && step.node == i, "\(name) node \(i)")
            }
        }
    }

    @Test func everyBuiltInProgramsStepsAreItsNodes() {
        for (name, built) in Theme.builtInPrograms {
            Self.expectStepsAreNodes(built.program, name)
        }
    }

    /// Read from swift-mustache's parse, with every kind of token, texts of many lengths
    /// packed into one allocation.
    @Test func aParsedProgramsStepsAreItsNodes() throws {
        var library = Mustache.MustacheLibrary()
        try library.register("{{$b}}block{{/b}}", named: "p")
        try library.register("""
            a{{x}}{{{y}}}{{#s}}in{{z}}{{/s}}{{^t}}not{{/t}}{{>p}}{{<p}}{{$b}}over{{/b}}{{/p}}
              {{%CONTENT_TYPE:TEXT}}{{=<% %>=}}<%w%>end

            """, named: "t")
        let program = try TemplateProgram(#require(library.getTemplate(named: "t")))
        #expect(program.nodes.count > 8)
        Self.expectStepsAreNodes(program, "t")
    }
}
