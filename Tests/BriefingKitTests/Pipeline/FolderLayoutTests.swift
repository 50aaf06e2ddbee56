import Foundation
import Testing
@testable import BriefingKit

/// A staging build makes the folders several files share first and leaves each page's own
/// folder to a thread beside rendering, or to the page's writer if it comes first.
@Suite struct FolderLayoutTests {
    @Test func aFolderWithOneFileAndNothingElseIsThePagesOwn() {
        let layout = FolderLayout([
            "index.html", "feed.xml",
            "recommendations/index.html", "recommendations/1/index.html", "recommendations/2/index.html",
            "assets/style.css", "assets/search.js",
            "deep/er/still/index.html", "about/index.html",
        ])
        #expect(layout.own == ["recommendations/1", "recommendations/2", "deep/er/still", "about"])
        #expect(layout.shared == ["recommendations", "assets", "deep", "deep/er"])
    }

    @Test func everyFolderIsMadeByOneSideOrTheOther() {
        let paths = (1...40).map { "recommendations/\($0)/index.html" } + ["a/b/c.txt", "a/b/d.txt", "a/e/index.html", "top.html"]
        let layout = FolderLayout(paths)
        #expect(Set(layout.own).isDisjoint(with: layout.shared))
        #expect(Set(layout.own).union(layout.shared) == OutputWriter.folders(of: paths))
    }

    @Test func aWriterMakesItsFolderWhenTheThreadHasNot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(FolderMaker.ensure(root.path + "/page") == nil)
        #expect(FolderMaker.ensure(root.path + "/page") == nil, "a folder already there is no error")
        #expect(FileIO.status(root.path + "/page")?.isDirectory == true)
        // Where a file stands in the way the writer says why, as any write error does.
        try Data("x".utf8).write(to: root.appendingPathComponent("file"))
        let failure = FolderMaker.ensure(root.path + "/file/page")
        #expect(failure?.description == "cannot create \(root.path)/file/page: Not a directory")
    }

    @Test func theThreadMakesItsFoldersAndNoneAfterItStops() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("recommendations"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let folders = (1...3000).map { "recommendations/\($0)" }
        let maker = FolderMaker(root: root.path, folders: folders)
        maker.stop()
        maker.stop()
        // Stopped at once it may have made some or all; it makes none once `stop` returns.
        let made = try FileManager.default.contentsOfDirectory(atPath: root.path + "/recommendations").count
        usleep(50_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/recommendations").count == made)

        try FileManager.default.createDirectory(at: root.appendingPathComponent("second"), withIntermediateDirectories: true)
        let second = FolderMaker(root: root.path + "/second", folders: ["one", "two", "three"])
        for _ in 0..<500 where try FileManager.default.contentsOfDirectory(atPath: root.path + "/second").count < 3 { usleep(1_000) }
        second.stop()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path + "/second").sorted() == ["one", "three", "two"])
    }

    /// A full build of pages in folders of their own, nested and not, ends with every page in place.
    @Test func aStagingBuildPutsEveryPageInItsFolder() throws {
        let site = try TempSite(SyntheticSite.files())
        defer { site.cleanUp() }
        let result = site.build()
        #expect(result.succeeded)
        for file in result.files {
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(file.path).path), "\(file.path)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
