import Foundation
import Testing
@testable import BriefingKit

/// The state's `dir` records let a build with nothing to do skip listing the output's
/// folders. A record may save a listing, never hide a change.
@Suite struct FolderStampsTests {
    /// A time from the file system's own clock, once it is past every folder below `root`:
    /// the modification time of a file written outside the output, rewritten until it is.
    static func probePast(_ root: URL, folders: Set<String>, below output: URL) throws -> FileStamp {
        let probe = root.appendingPathComponent("probe-\(UUID().uuidString)").path
        defer { unlink(probe) }
        let newest = folders.compactMap { FolderStamps.stamp(output.path + "/" + $0)?.changed }.max()!
        for _ in 0..<300 {
            let stamp = try FileIO.write(probe, Array("probe".utf8))
            if newest < stamp { return stamp }
            usleep(10_000)
        }
        throw CocoaError(.fileWriteUnknown)
    }

    /// Builds the site, then records every output folder in its state, as a staging
    /// build does for the folders it finished before the state was written.
    static func builtWithEveryFolderRecorded(_ site: TempSite) throws -> BuildState {
        let r = site.build()
        #expect(r.succeeded)
        var state = try #require(BuildState.read(in: site.output))
        let folders = OutputWriter.folders(of: state.outputOrder)
        let probe = try probePast(site.root, folders: folders, below: site.output)
        state.folders = FolderStamps.recorded(below: site.output.path, paths: state.outputOrder, probe: probe)
        #expect(state.folders.count == folders.count)
        _ = try FileIO.write(site.output.appendingPathComponent(BuildState.fileName).path, state.encoded())
        return state
    }

    @Test func aRecordedFolderNeedNotBeListedButAStrayFileInItStillShows() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        let state = try Self.builtWithEveryFolderRecorded(site)
        #expect(state.describes(site.output))
        #expect(site.build().timings.map(\.stage) == ["unchanged"])

        try Data("stray".utf8).write(to: site.output.appendingPathComponent("recommendations/1/stray.html"))
        #expect(!state.describes(site.output))
        let r = site.build()
        #expect(r.timings.map(\.stage) != ["unchanged"])
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("recommendations/1/stray.html").path))
        IncrementalBuildTests.expectSameAsClean(site, "after a stray file in a recorded folder")
    }

    /// A link in a folder's place fails the check even where the record would hold for
    /// the folder it points to: the next build would write through it, out of the output.
    @Test func aLinkInAFoldersPlaceIsNeverTaken() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        let state = try Self.builtWithEveryFolderRecorded(site)
        let folder = site.output.appendingPathComponent("recommendations/2")
        let moved = site.root.appendingPathComponent("moved-2")
        try FileManager.default.moveItem(at: folder, to: moved)
        try FileManager.default.createSymbolicLink(at: folder, withDestinationURL: moved)
        #expect(!state.describes(site.output))
    }

    @Test func aFolderChangedAtOrAfterTheProbeIsNotRecorded() throws {
        let site = try TempSite(["a/index.html": "a", "b/index.html": "b"])
        defer { site.cleanUp() }
        let probe = try FileIO.write(site.root.appendingPathComponent("probe").path, Array("probe".utf8))
        try site.write("b/new.html", "changed after the probe")
        let recorded = FolderStamps.recorded(below: site.root.path, paths: ["a/index.html", "b/index.html"], probe: probe)
        #expect(recorded["b"] == nil)
    }

    /// An in-place build keeps the records of the folders it did not touch and drops
    /// those it wrote into; the next build with nothing to do still stops early.
    @Test func anInPlaceBuildKeepsOnlyTheRecordsOfFoldersItDidNotTouch() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        let before = try Self.builtWithEveryFolderRecorded(site)
        try IncrementalBuildTests.step(site, "recommendation 3 edited") {
            let path = "content/recommendations/3.md"
            let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
            try site.write(path, text + "\nOne more sentence.\n")
        }
        let after = try #require(BuildState.read(in: site.output))
        #expect(after.folders["recommendations/3"] == nil)
        #expect(after.folders["meetings"] != nil && after.folders["meetings"] == before.folders["meetings"])
        #expect(after.describes(site.output))
        #expect(site.build().timings.map(\.stage) == ["unchanged"])
    }

    /// A folder a build removes a file from loses its record whether or not the removal
    /// moves its change time: it is not trusted on the time alone.
    @Test func aFolderAFileIsRemovedFromLosesItsRecord() throws {
        var files = SyntheticSite.files()
        files["static/docs/a.txt"] = "a\n"
        files["static/docs/b.txt"] = "b\n"
        let site = try TempSite(files)
        defer { site.cleanUp() }
        let before = try Self.builtWithEveryFolderRecorded(site)
        #expect(before.folders["docs"] != nil)
        try IncrementalBuildTests.step(site, "a static file removed") { try site.remove("static/docs/b.txt") }
        let after = try #require(BuildState.read(in: site.output))
        #expect(after.folders["docs"] == nil)
        #expect(after.folders["meetings"] != nil)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("docs/b.txt").path))
    }
}
