import BriefingKit
import Foundation
import Testing
@testable import BriefingServe

/// The server end to end: a copy of the repository's content, a real build, HTTP on
/// 127.0.0.1 with an ephemeral port, file edits, and the events a browser would get.
/// Every wait is bounded; the suites run one at a time because each starts a server.
@Suite(.serialized) struct DevServerTests {
    @Test func servesRebuildsReportsErrorsAndRecovers() async throws {
        try await RunningServer.with(polling: false) { server in
            let port = server.port

            // Pages, with the reload tag only in what is served.
            let home = try await LoopbackHTTP.get(port: port, "/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.headers["cache-control"] == "no-store")
            #expect(home.text.contains("<script src=\"/__briefing/reload.js\" data-site="))
            #expect(home.text.hasSuffix("</script></body>\n</html>\n"))
            let onDisk = try String(contentsOf: server.output.appendingPathComponent("index.html"), encoding: .utf8)
            #expect(!onDisk.contains("__briefing"))
            #expect(onDisk.count + 40 < home.text.count)

            let css = try await LoopbackHTTP.get(port: port, "/assets/style.css")
            #expect(css.status == 200 && css.headers["content-type"] == "text/css; charset=utf-8")
            #expect(!css.text.contains("__briefing"))
            let redirect = try await LoopbackHTTP.get(port: port, "/recommendations/11?x=1")
            #expect(redirect.status == 301 && redirect.headers["location"] == "/recommendations/11/?x=1")
            let rec = try await LoopbackHTTP.get(port: port, "/recommendations/11/")
            #expect(rec.status == 200 && rec.text.contains("Measures of success"))
            let missing = try await LoopbackHTTP.get(port: port, "/no/such/page/")
            #expect(missing.status == 404 && missing.headers["content-type"] == "text/html; charset=utf-8")
            #expect(missing.text.contains("/__briefing/reload.js"))
            // Built for where it is served: the 404 page's absolute links lead back to this server.
            #expect(missing.text.contains("href=\"http://127.0.0.1:\(port)/assets/style.css\""))
            let climb = try await LoopbackHTTP.get(port: port, "/../../etc/passwd")
            #expect(climb.status == 400)
            let script = try await LoopbackHTTP.get(port: port, "/__briefing/reload.js")
            #expect(script.status == 200 && script.headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("new EventSource(\"/__briefing/events\")"))
            #expect(!script.text.contains("innerHTML"))
            let head = try await LoopbackHTTP.get(port: port, "/", method: "HEAD")
            #expect(head.status == 200 && head.headers["content-length"] == String(home.body.count))
            let post = try await LoopbackHTTP.get(port: port, "/", method: "POST")
            #expect(post.status == 405)

            // The events stream starts with the current status.
            let events = try EventStreamReader(port: port)
            let hello = try #require(try await events.next(timeout: 5))
            #expect(hello.name == "hello" && hello.data.hasSuffix("\"diagnostics\":null}"))

            // A save rebuilds and reloads.
            let rec11 = "content/recommendations/11.md"
            let original = try server.read(rec11)
            let written = ContinuousClock.now
            try server.write(rec11, original.replacingOccurrences(of: "title: Measures of success", with: "title: Measured success"))
            let reload = try #require(try await events.next(timeout: 10))
            server.latencies.append(ContinuousClock.now - written)
            #expect(reload.name == "reload")
            #expect(try await LoopbackHTTP.get(port: port, "/recommendations/11/").text.contains("Measured success"))

            // A content error: the terminal and the browser hear of it; the last good site stays up.
            try server.write("content/pages/broken.md", "---\ntitle: Broken\n---\nSee [[no-such-team]].\n")
            let failed = try #require(try await events.next(timeout: 10))
            #expect(failed.name == "failed")
            #expect(failed.data.contains("{\"path\":\"content/pages/broken.md\",\"line\":4,\"column\":5,\"severity\":\"error\""))
            let stillUp = try await LoopbackHTTP.get(port: port, "/recommendations/11/")
            #expect(stillUp.status == 200 && stillUp.text.contains("Measured success"))
            #expect(stillUp.text.contains("<script type=\"application/json\" id=\"briefing-serve-failure\">"))
            #expect(server.log.contains { if case .built(let r, let changed) = $0 { !r.succeeded && changed == ["content/pages/broken.md"] } else { false } })

            // Fixing the file recovers.
            try server.write("content/pages/broken.md", "---\ntitle: Broken\n---\nSee [[cto]].\n")
            let recovered = try #require(try await events.next(timeout: 10))
            #expect(recovered.name == "reload")
            let fixed = try await LoopbackHTTP.get(port: port, "/broken/")
            #expect(fixed.status == 200 && !fixed.text.contains("briefing-serve-failure"))

            // Editor scratch files and the output folder do not cause builds.
            try server.write("content/pages/.broken.md.swp", "scratch")
            try server.write("site/index.html", "not a source")
            try await Task.sleep(for: .milliseconds(600))
            #expect(!server.log.contains { if case .built(_, let changed) = $0 { changed.contains { $0.hasSuffix(".swp") || $0.hasPrefix("site/") } } else { false } })

            // A new folder under static/ is watched from then on.
            try server.write("static/img/new.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
            #expect(try await server.serves("/img/new.svg"))
            try server.write("static/img/second.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
            #expect(try await server.serves("/img/second.svg"))
            let svg = try await LoopbackHTTP.get(port: port, "/img/second.svg")
            #expect(svg.status == 200 && svg.headers["content-type"] == "image/svg+xml")

            // The one hidden folder the build publishes is watched and served as well.
            try server.write("static/.well-known/security.txt", "Contact: mailto:security@example.org\n")
            #expect(try await server.serves("/.well-known/security.txt"))
            try server.write("static/.well-known/security.txt", "Contact: mailto:other@example.org\n")
            #expect(try await server.serves("/.well-known/security.txt", containing: "other@example.org"))

            // Stopping ends the open events stream.
            try await server.stop()
            #expect(try await events.isClosed(timeout: 5))
        }
    }

    @Test func pollingWatcherRebuildsToo() async throws {
        try await RunningServer.with(polling: true) { server in
            let events = try EventStreamReader(port: server.port)
            #expect(try await events.next(timeout: 5)?.name == "hello")
            let written = ContinuousClock.now
            try server.write("briefing.yml", try server.read("briefing.yml").replacingOccurrences(of: "title: SSR1 Briefing Materials", with: "title: Polled"))
            #expect(try await events.next(timeout: 10)?.name == "reload")
            server.latencies.append(ContinuousClock.now - written)
            #expect(try await LoopbackHTTP.get(port: server.port, "/").text.contains("Polled"))
        }
    }

    @Test func aSiteThatNeverBuiltShowsTheOverlayThenTheSite() async throws {
        try await RunningServer.with(polling: false, prepare: { root in
            try Data("---\ntitle: Broken\n---\n[[nowhere]]\n".utf8).write(to: root.appendingPathComponent("content/pages/broken.md"))
        }) { server in
            let page = try await LoopbackHTTP.get(port: server.port, "/")
            #expect(page.status == 503)
            #expect(page.text.contains("id=\"briefing-serve-failure\">[{\"path\":\"content/pages/broken.md\""))
            let events = try EventStreamReader(port: server.port)
            let hello = try #require(try await events.next(timeout: 5))
            #expect(hello.name == "hello" && hello.data.contains("content/pages/broken.md"))
            try FileManager.default.removeItem(at: server.root.appendingPathComponent("content/pages/broken.md"))
            #expect(try await events.next(timeout: 10)?.name == "reload")
            #expect(try await LoopbackHTTP.get(port: server.port, "/").status == 200)
        }
    }
}

/// A `DevServer` on a copy of the repository's content, stopped by cancellation.
final class RunningServer: @unchecked Sendable {
    let root: URL
    let output: URL
    private(set) var port = 0
    private var task: Task<Void, any Error>?
    private let lock = NSLock()
    private var events: [DevServer.Event] = []
    var latencies: [Duration] = []

    var log: [DevServer.Event] { lock.withLock { events } }

    init(root: URL) {
        self.root = root
        output = root.deletingLastPathComponent().appendingPathComponent("out/site")
    }

    static func with(polling: Bool, prepare: (URL) throws -> Void = { _ in },
                     _ body: (RunningServer) async throws -> Void) async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-serve-test-\(UUID().uuidString)")
        let root = scratch.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in ["briefing.yml", "content", "templates", "static"] {
            let from = repo.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: from.path) {
                try FileManager.default.copyItem(at: from, to: root.appendingPathComponent(name))
            }
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("static"), withIntermediateDirectories: true)
        try prepare(root)
        let server = RunningServer(root: root)
        try await server.start(polling: polling)
        do {
            try await body(server)
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
        for l in server.latencies { print("save → event: \(l)") }
    }

    func start(polling: Bool) async throws {
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let options = DevServer.Options(source: root, displaySource: ".", output: output, port: 0,
                                        polling: polling, handleSignals: false)
        let server = DevServer(options) { [self] event in lock.withLock { events.append(event) } }
        task = Task { try await server.run(onListening: { portSink.yield($0) }) }
        let timeout = Task { try await Task.sleep(for: .seconds(60)); portSink.finish() }
        defer { timeout.cancel() }
        for await p in ports {
            port = p
            break
        }
        guard port > 0 else { throw LoopbackHTTP.Failure(description: "the server did not start within 60 s") }
    }

    /// Cancels the server and waits (bounded) for it to return.
    func stop() async throws {
        guard let task else { return }
        self.task = nil
        task.cancel()
        let started = ContinuousClock.now
        _ = await task.result
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    /// Whether `path` answers 200 within `seconds` (it appears after a rebuild), with
    /// `containing` in its body when given (the rebuild after a change).
    func serves(_ path: String, containing text: String? = nil, within seconds: Double = 10) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            let got = try await LoopbackHTTP.get(port: port, path)
            if got.status == 200, text.map(got.text.contains) ?? true { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
}
