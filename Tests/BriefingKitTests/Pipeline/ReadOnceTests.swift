import Foundation
import Testing
@testable import BriefingKit

/// A build reads each source once, to hash it, and loads the site from those very bytes:
/// what its state records is what it built, even if a file changes in between.
@Suite struct ReadOnceTests {
    @Test func theLoadStageTakesTheBytesTheBuildHashed() throws {
        let site = try TempSite.minimal()
        let tree = SourceTree(root: site.root, displayRoot: "")
        let inputs = BuildInputs(tree: tree, options: site.options())
        let at = try #require(tree.files.firstIndex { $0.kind == .recommendations })
        #expect(inputs.content.count == tree.files.count)
        let read = try #require(inputs.content[at])
        #expect(read.hash == inputs.hashes["content/recommendations/1.md"])

        // The file changes on disk after the build hashed it: the build still loads what it hashed.
        try site.write("content/recommendations/1.md", "---\nnumber: 1\ntitle: Changed since\nbriefing: cto\n---\nOther.\n")
        let (loaded, _, _) = ContentLoader().load(tree, reusing: nil, read: inputs.content)
        #expect(loaded.recommendations.map(\.title) == ["Remit"])
        let (reread, _) = ContentLoader().load(tree)
        #expect(reread.recommendations.map(\.title) == ["Changed since"])
    }

    @Test func givenBytesAreCheckedAsReadOnes() throws {
        let site = try TempSite.minimal()
        let tree = SourceTree(root: site.root, displayRoot: "")
        let at = try #require(tree.files.firstIndex { $0.kind == .recommendations })
        var read = [SourceTree.Read?](repeating: nil, count: tree.files.count)
        read[at] = SourceTree.Read(bytes: Array("---\ntitle: x\u{0}\n---\n".utf8), hash: ContentHash([UInt8]()))
        let (_, diagnostics, _) = ContentLoader().load(tree, reusing: nil, read: read)
        #expect(diagnostics.all.contains { $0.message.contains("NUL byte") && $0.location.path.hasSuffix("recommendations/1.md") })
    }
}
