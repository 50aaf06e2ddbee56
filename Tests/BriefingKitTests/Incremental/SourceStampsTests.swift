import Foundation
import Testing
@testable import BriefingKit

/// A source whose stamp the last build recorded, settled, is not read again; any
/// other is. A stamp may spare a read, never hide an edit.
@Suite struct SourceStampsTests {
    static let path = "content/recommendations/2.md"

    /// The site built, and its state as if that build had begun `after` seconds after
    /// the sources last changed (so its stamps are settled, or not).
    static func built(_ site: TempSite, after seconds: Int) throws -> BuildState {
        #expect(site.build().succeeded)
        var state = try #require(BuildState.read(in: site.output))
        let newest = try #require(state.inputStamps.values.map { max($0.modified, $0.changed) }.max())
        state.started = FileStamp(seconds: newest.seconds + seconds, nanoseconds: newest.nanoseconds)
        return state
    }

    /// With a settled stamp the recorded hash stands for the file: a wrong one shows
    /// that the file was not read.
    @Test func aSettledUnchangedSourceIsNotReadAgain() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        var state = try Self.built(site, after: BuildState.settled + 1)
        let stand = ContentHash(a: 1, b: 2)
        state.inputs[Self.path] = stand
        let tree = SourceTree(root: site.root, displayRoot: "", excluding: site.output)
        let inputs = BuildInputs(tree: tree, options: site.options(), previous: state)
        #expect(inputs.hashes[Self.path] == stand)
        let index = try #require(tree.files.firstIndex { "content/\($0.kind.rawValue)/\($0.slug).md" == Self.path })
        #expect(inputs.content[index] == nil, "read although its stamp held")
        #expect(inputs.stamps[Self.path] == state.inputStamps[Self.path])
    }

    /// A stamp recorded less than `settled` seconds after the file last changed could hide
    /// a second write in the same tick of the file system's clock: the file is read.
    @Test func aStampRecordedTooSoonAfterAChangeIsNotTrusted() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        var state = try Self.built(site, after: BuildState.settled - 1)
        let real = try #require(state.inputs[Self.path])
        state.inputs[Self.path] = ContentHash(a: 1, b: 2)
        let tree = SourceTree(root: site.root, displayRoot: "", excluding: site.output)
        #expect(BuildInputs(tree: tree, options: site.options(), previous: state).hashes[Self.path] == real)
    }

    /// An edit of the same size whose modification time is put back (`touch -r`, `rsync -t`)
    /// still moves the change time: the build sees the edit.
    @Test func anEditWithItsModificationTimePutBackIsSeen() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        let state = try Self.built(site, after: BuildState.settled + 1)
        _ = try FileIO.write(site.output.appendingPathComponent(BuildState.fileName).path, state.encoded())
        let file = site.root.appendingPathComponent(Self.path).path
        let before = try #require(SourceStamp.of(file))
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "Question 2.1 about", with: "Question 2.1 ABOUT")
        #expect(edited.utf8.count == text.utf8.count && edited != text)
        _ = try FileIO.write(file, Array(edited.utf8))  // in place: the same inode
        var times = [timespec(tv_sec: before.modified.seconds, tv_nsec: before.modified.nanoseconds),
                     timespec(tv_sec: before.modified.seconds, tv_nsec: before.modified.nanoseconds)]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
        let after = try #require(SourceStamp.of(file))
        #expect(after.size == before.size && after.modified == before.modified)

        let r = site.build()
        #expect(r.timings.map(\.stage) != ["unchanged"])
        #expect(site.read("recommendations/2/index.html")?.contains("Question 2.1 ABOUT") == true)
        IncrementalBuildTests.expectSameAsClean(site, "after an edit with its time put back")
    }
}
