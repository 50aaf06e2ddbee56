import Foundation
import Testing
@testable import BriefingKit

/// A build that cannot write (a full disk, a broken folder) must leave the previous site
/// and its state exactly as they were, since that is what the CLI then says. A full disk
/// is stood in for by a folder where the build means to write a file: `open` refuses it
/// even for root, which the tests run as, so `chmod` would not do.
@Suite struct WriteFailureTests {
    static let pid = ProcessInfo.processInfo.processIdentifier

    /// Every file below `root` with its bytes, the state included, and every folder.
    static func everything(_ root: URL) -> (files: [String: [UInt8]], folders: [String]) {
        let found = FileIO.walk(root.path)
        var files: [String: [UInt8]] = [:]
        for path in found.files { files[path] = FileIO.read(root.appendingPathComponent(path).path) ?? [] }
        return (files, found.folders.sorted())
    }

    /// Changes every page (the title), adds a file in a new folder, and builds after `breaking`
    /// the site or the folders around it; then the build must have failed and left everything
    /// beside and below the output as it found it. After `repair`, it must build as ever.
    static func expectNothingChanged(untrusted: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                                     breaking: (TempSite) throws -> Void, repair: (TempSite) throws -> Void) throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        #expect(site.build().succeeded, sourceLocation: sourceLocation)
        if untrusted { try FileManager.default.removeItem(at: site.output.appendingPathComponent(BuildState.fileName)) }
        try breaking(site)
        let before = everything(site.output)
        try site.write("briefing.yml", "title: Renamed Review\nreview: SSR9\n")
        try site.write("static/docs/notes.txt", "notes\n")
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
        let failed = site.build()
        #expect(!failed.succeeded, sourceLocation: sourceLocation)
        #expect(!failed.partlyWritten, sourceLocation: sourceLocation)

        let after = everything(site.output)
        #expect(after.folders == before.folders, sourceLocation: sourceLocation)
        #expect(after.files.keys.sorted() == before.files.keys.sorted(), sourceLocation: sourceLocation)
        for (path, bytes) in before.files where after.files[path] != bytes {
            Issue.record("\(path) changed", sourceLocation: sourceLocation)
        }
        let strays = after.files.keys.filter { $0.contains(".briefing-new-") || $0.contains(BuildState.fileName + ".new-") }
        #expect(strays.isEmpty, sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == beside,
                "a staging or old folder was left beside the output", sourceLocation: sourceLocation)
        if !untrusted {
            // Still the state of the folder it sits in, so the next build can trust it.
            #expect(BuildState.read(in: site.output)?.describes(site.output) == true, sourceLocation: sourceLocation)
        }

        try repair(site)
        #expect(site.build().succeeded, sourceLocation: sourceLocation)
        IncrementalBuildTests.expectSameAsClean(site, "after the way was cleared", sourceLocation: sourceLocation)
    }

    /// A folder (not empty, so nothing may delete it by mistake) where the build writes `path`,
    /// relative to the output's parent.
    static func expectNothingChanged(blocking path: String, untrusted: Bool = false,
                                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        try expectNothingChanged(untrusted: untrusted, sourceLocation: sourceLocation, breaking: { site in
            let block = site.root.appendingPathComponent(path + "/in-the-way")
            try FileManager.default.createDirectory(at: block, withIntermediateDirectories: true)
        }, repair: { site in
            try FileManager.default.removeItem(at: site.root.appendingPathComponent(path))
        })
    }

    @Test func anInPlaceBuildThatCannotWriteAPageChangesNothing() throws {
        try Self.expectNothingChanged(blocking: "site/recommendations/3/.index.html.briefing-new-\(Self.pid)")
    }

    /// Every page is written by then: the failure comes after all of them.
    @Test func anInPlaceBuildThatCannotWriteItsStateChangesNothing() throws {
        try Self.expectNothingChanged(blocking: "site/\(BuildState.fileName).new-\(Self.pid)")
    }

    /// A full build fails when the old site cannot be moved aside: the staging folder goes.
    @Test func aFullBuildThatCannotSwapChangesNothing() throws {
        try Self.expectNothingChanged(blocking: ".site.old-\(Self.pid)", untrusted: true)
    }

    /// A static file named like a page's folder cannot be written into the staging folder,
    /// which then goes. In place, it could only have failed halfway through the renames, so
    /// the build is not made in place at all.
    @Test func aFileThatCannotBeStagedChangesNothing() throws {
        for untrusted in [false, true] {
            try Self.expectNothingChanged(untrusted: untrusted, breaking: { site in
                try site.write("static/recommendations/2", "in the way\n")
            }, repair: { site in
                try site.remove("static/recommendations/2")
            })
        }
    }

    /// Past the point of no return, a rename that fails (here: its temporary file is gone)
    /// must say so, leave no temporary file and no state, and the next build must be a
    /// full one that puts everything right.
    @Test func aRenameThatFailsSaysTheSiteChanged() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        #expect(site.build().succeeded)
        var state = try #require(BuildState.read(in: site.output))
        let session = try OutputWriter(output: site.output).updating(paths: state.outputOrder, previous: state)
        func pending(_ path: String, _ text: String?) throws -> Result<OutputWriter.Session.Outcome, OutputWriter.Failure> {
            let bytes = Array((text ?? "").utf8)
            let temp = OutputWriter.sibling(of: site.output.path + "/" + path, "briefing-new-test")
            let stamp = try text.map { _ in try FileIO.write(temp, bytes) } ?? FileStamp(seconds: 0, nanoseconds: 0)
            return .success(.init(path: path, size: bytes.count, stamp: stamp, unchanged: false, pending: temp))
        }
        let outcomes = try [pending("404.html", "renamed"), pending("index.html", nil), pending("feed.xml", "not renamed")]
        #expect {
            try session.finish(outcomes, state: &state)
        } throws: { error in
            guard case OutputWriter.Failure.incomplete = error else { return false }
            return true
        }
        #expect(site.read("404.html") == "renamed")
        #expect(site.read("feed.xml")?.hasPrefix("<?xml") == true)
        let left = FileIO.walk(site.output.path).files
        #expect(!left.contains(BuildState.fileName))
        #expect(left.filter { $0.contains(".briefing-new-") || $0.contains(BuildState.fileName + ".new-") }.isEmpty)

        let again = site.build()
        #expect(again.succeeded)
        #expect(again.renderedPages.count == again.pageCount)
        IncrementalBuildTests.expectSameAsClean(site, "after the failed rename")
    }
}
