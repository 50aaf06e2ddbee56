import Foundation
import Testing
@testable import BriefingKit
@testable import BriefingServe

@Suite struct MIMETypeTests {
    @Test func typesOfWhatASiteHolds() {
        #expect(MIMEType.of(path: "index.html") == "text/html; charset=utf-8")
        #expect(MIMEType.of(path: "assets/style.css") == "text/css; charset=utf-8")
        #expect(MIMEType.of(path: "assets/search.js") == "text/javascript; charset=utf-8")
        #expect(MIMEType.of(path: "questions.json") == "application/json")
        #expect(MIMEType.of(path: "questions.csv") == "text/csv; charset=utf-8")
        #expect(MIMEType.of(path: "feed.xml") == "application/atom+xml; charset=utf-8")
        #expect(MIMEType.of(path: "sitemap.xml") == "application/xml")
        #expect(MIMEType.of(path: "img/Logo.PNG") == "image/png")
        #expect(MIMEType.of(path: "slides.pdf") == "application/pdf")
        #expect(MIMEType.of(path: "LICENSE") == "application/octet-stream")
        #expect(MIMEType.of(path: "a/.hidden") == "application/octet-stream")
    }
}

@Suite struct ReloadInjectionTests {
    let status = SiteStatus(instance: "abc", generation: 3)

    @Test func theTagGoesBeforeTheLastClosingBody() {
        let html = Array("<html><body><p>&lt;/body&gt; in text</p></BODY>\n</html>\n".utf8)
        let out = String(decoding: ReloadInjection.inject(ReloadInjection.tags(for: status), into: html), as: UTF8.self)
        #expect(out == "<html><body><p>&lt;/body&gt; in text</p><script src=\"/__briefing/reload.js\" data-site=\"abc-3\"></script></BODY>\n</html>\n")
    }

    @Test func aPageWithoutBodyGetsItAtTheEnd() {
        let out = String(decoding: ReloadInjection.inject("<x>", into: Array("<p>hi".utf8)), as: UTF8.self)
        #expect(out == "<p>hi<x>")
    }

    @Test func aFailedBuildTravelsAsInertJSON() {
        var failed = status
        failed.failure = [.error(SourceLocation(path: "content/pages/a.md", line: 2, column: 5), "broken [[x]] </script><script>alert(1)</script>")]
        let tags = ReloadInjection.tags(for: failed)
        #expect(tags.contains("<script type=\"application/json\" id=\"briefing-serve-failure\">[{\"path\":\"content/pages/a.md\",\"line\":2,\"column\":5,\"severity\":\"error\""))
        // The message cannot close the data block: < and > are escaped in the JSON.
        #expect(!tags.contains("</script><script>alert"))
        #expect(tags.components(separatedBy: "</script>").count == 3)
    }
}

@Suite struct ReloadEventTests {
    @Test func wireFormIsOneEventAndOneDataLine() {
        var s = SiteStatus(instance: "i", generation: 2)
        #expect(ReloadEvent.reload(s).wire == "event: reload\ndata: {\"site\":\"i-2\",\"diagnostics\":null}\n\n")
        s.failure = [.warning(SourceLocation(path: "p.md"), "two\nlines")]
        #expect(ReloadEvent.failed(s).wire == "event: failed\ndata: {\"site\":\"i-2\",\"diagnostics\":[{\"path\":\"p.md\",\"line\":1,\"column\":1,\"severity\":\"warning\",\"message\":\"two\\nlines\"}]}\n\n")
        #expect(ReloadEvent.ping.wire == ": ping\n\n")
    }

    @Test func theHubCountsGoodBuildsAndKeepsTheLastFailure() async {
        let hub = ReloadHub(instance: "t")
        let (first, stream) = hub.subscribe()
        #expect(first.siteID == "t-0" && !first.hasSite)
        let ok = BuildReport(succeeded: true, diagnostics: [], pages: 1, files: 1, written: 1, unchanged: 0, kept: 0, milliseconds: 1, timings: [])
        var bad = ok
        bad.succeeded = false
        bad.diagnostics = [.error(SourceLocation(path: "x.md"), "no")]
        hub.record(ok)
        hub.record(bad)
        hub.record(ok)
        hub.close()
        var seen: [ReloadEvent] = []
        for await e in stream { seen.append(e) }
        #expect(seen == [
            .reload(SiteStatus(instance: "t", generation: 1)),
            .failed(SiteStatus(instance: "t", generation: 1, failure: bad.diagnostics)),
            .reload(SiteStatus(instance: "t", generation: 2)),
        ])
        #expect(hub.subscriberCount == 0)
    }

    /// A second build from one save (its events read in two bursts) writes nothing: the tabs
    /// already show that site and are not told again. After a failure, though, even a build
    /// that writes nothing must clear the overlay, and the first build always counts.
    @Test func aBuildThatChangesNothingAfterAGoodOneIsNotBroadcast() async {
        let hub = ReloadHub(instance: "t")
        let (_, stream) = hub.subscribe()
        let wrote = BuildReport(succeeded: true, diagnostics: [], pages: 1, files: 1, written: 1, unchanged: 0, kept: 0, milliseconds: 1, timings: [])
        var nothing = wrote
        nothing.written = 0
        nothing.unchanged = 1
        var removedOne = nothing
        removedOne.removed = 1
        var bad = wrote
        bad.succeeded = false
        bad.diagnostics = [.error(SourceLocation(path: "x.md"), "no")]
        hub.record(nothing)     // the first build: the tabs have no site yet
        hub.record(nothing)     // nothing changed: silent
        hub.record(removedOne)  // a page went away: reload
        hub.record(bad)
        hub.record(nothing)     // fixed back to what was built: the overlay must go
        hub.record(nothing)     // silent again
        hub.close()
        var seen: [ReloadEvent] = []
        for await e in stream { seen.append(e) }
        #expect(seen == [
            .reload(SiteStatus(instance: "t", generation: 1)),
            .reload(SiteStatus(instance: "t", generation: 2)),
            .failed(SiteStatus(instance: "t", generation: 2, failure: bad.diagnostics)),
            .reload(SiteStatus(instance: "t", generation: 3)),
        ])
        #expect(hub.current.generation == 3)
    }
}

@Suite struct QuietPeriodTests {
    @Test func waitsForQuietButNotForever() {
        let t0 = ContinuousClock.now
        var q = QuietPeriod(quiet: .milliseconds(100), longest: .seconds(1))
        #expect(q.wait(at: t0) == nil && !q.isPending)
        q.note(t0)
        #expect(q.wait(at: t0) == .milliseconds(100))
        #expect(!q.isDue(at: t0 + .milliseconds(99)))
        #expect(q.isDue(at: t0 + .milliseconds(100)))
        // A steady stream of events: each pushes the end back, until the longest wait.
        for i in 1...20 { q.note(t0 + .milliseconds(60 * i)) }
        #expect(q.wait(at: t0 + .milliseconds(900)) == .milliseconds(100))
        #expect(q.isDue(at: t0 + .seconds(1)))
        q.reset()
        #expect(!q.isPending)
    }

    @Test func aClosedSaveWaitsOnlyToSettle() {
        let t0 = ContinuousClock.now
        var q = QuietPeriod(quiet: .milliseconds(30), settle: .milliseconds(5))
        q.note(t0)
        #expect(q.wait(at: t0) == .milliseconds(30), "a file still open for writing")
        q.settled = true
        #expect(q.wait(at: t0) == .milliseconds(5))
        #expect(q.isDue(at: t0 + .milliseconds(5)))
        q.reset()
        q.note(t0)
        #expect(!q.settled && q.wait(at: t0) == .milliseconds(30), "each burst starts unsettled")
    }
}

@Suite struct SiteFolderTests {
    @Test func prettyURLsRedirectsAndRefusals() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-folder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["index.html", "recommendations/11/index.html", "assets/style.css", ".secret", "a b/index.html"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let site = SiteFolder(root: root)
        #expect(site.lookup("/") == .file(path: "index.html"))
        #expect(site.lookup("/recommendations/11/") == .file(path: "recommendations/11/index.html"))
        #expect(site.lookup("/recommendations/11") == .redirect(location: "/recommendations/11/"))
        #expect(site.lookup("/recommendations/11/index.html") == .file(path: "recommendations/11/index.html"))
        #expect(site.lookup("/assets/style.css") == .file(path: "assets/style.css"))
        #expect(site.lookup("/a%20b/") == .file(path: "a b/index.html"))
        #expect(site.lookup("/recommendations/12/") == .notFound)
        #expect(site.lookup("/assets") == .notFound, "a folder without index.html is not listed")
        #expect(site.lookup("/.secret") == .notFound)
        #expect(site.lookup("/../etc/passwd") == .badPath)
        #expect(site.lookup("/%2e%2e/etc/passwd") == .badPath)
        #expect(site.lookup("/a%00b") == .badPath)
    }

    /// A combining mark after a slash makes one character of the two: split by characters,
    /// `/../%CC%81x` had no `..` segment (only the hidden-name rule kept it out, as not found),
    /// and a backslash with a mark after it was not seen.
    @Test func aCombiningMarkAfterASlashDoesNotHideAClimb() throws {
        let outer = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-folder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outer) }
        let root = outer.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("x"), withIntermediateDirectories: true)
        try Data("outside".utf8).write(to: outer.appendingPathComponent("\u{301}secret.txt"))
        try Data("inside".utf8).write(to: root.appendingPathComponent("x/\u{301}y.txt"))
        let site = SiteFolder(root: root)
        #expect(site.lookup("/../%CC%81secret.txt") == .badPath)
        #expect(site.lookup("/x/../../%CC%81secret.txt") == .badPath)
        #expect(site.lookup("/a%5C%CC%81b") == .badPath, "a backslash, whatever follows it")
        #expect(site.lookup("/x/%CC%81y.txt") == .file(path: "x/\u{301}y.txt"), "such a name inside the site is served")
    }

    /// The one hidden folder the build publishes is served; hidden names elsewhere are not.
    @Test func wellKnownAtTheTopIsServed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-folder-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in [".well-known/security.txt", "x/.well-known/y.txt", ".briefing-state"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        let site = SiteFolder(root: root)
        #expect(site.lookup("/.well-known/security.txt") == .file(path: ".well-known/security.txt"))
        #expect(site.lookup("/x/.well-known/y.txt") == .notFound)
        #expect(site.lookup("/.briefing-state") == .notFound)
    }
}

@Suite struct SourceSnapshotTests {
    /// A site folder for the watcher's scan; the test removes it.
    private struct ScratchSite {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-snap-\(UUID().uuidString)")

        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func seesAddedChangedAndRemovedFilesButNotScratch() throws {
        let site = ScratchSite(), root = site.root, write = site.write
        defer { site.remove() }
        try write("briefing.yml", "title: x\n")
        try write("content/pages/a.md", "a")
        try write("static/img/logo.svg", "<svg/>")
        try write("site/index.html", "not watched")
        let first = SourceSnapshot.scan(root)
        #expect(Set(first.entries.keys) == ["briefing.yml", "content/pages/a.md", "static/img/logo.svg"])
        try write("content/pages/a.md", "ab")
        try write("content/pages/.a.md.swp", "scratch")
        try write("content/pages/b.md", "b")
        try FileManager.default.removeItem(at: root.appendingPathComponent("static/img/logo.svg"))
        #expect(SourceSnapshot.scan(root).changes(since: first) == ["content/pages/a.md", "content/pages/b.md", "static/img/logo.svg"])
    }

    /// `static/.well-known/` is a source (the build publishes it); other hidden folders are not watched.
    @Test func seesWellKnownButNoOtherHiddenFolder() throws {
        let site = ScratchSite(), root = site.root, write = site.write
        defer { site.remove() }
        try write("static/.well-known/security.txt", "a")
        try write("static/.git/config", "a")
        try write("static/img/.well-known/x.txt", "a")
        #expect(WatchScope.folders(in: root).contains("static/.well-known"))
        #expect(!WatchScope.folders(in: root).contains("static/.git"))
        #expect(!WatchScope.folders(in: root).contains("static/img/.well-known"))
        let first = SourceSnapshot.scan(root)
        try write("static/.well-known/security.txt", "ab")
        try write("static/.git/config", "ab")
        #expect(SourceSnapshot.scan(root).changes(since: first).contains("static/.well-known/security.txt"))
        #expect(!SourceSnapshot.scan(root).changes(since: first).contains { $0.hasPrefix("static/.git") })
    }
}
