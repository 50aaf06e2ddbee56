import BriefingKit
import Foundation
import Hummingbird
import ServiceLifecycle

/// Answers every request: the site's files, the reload client, and the events stream.
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let site: SiteFolder
    let hub: ReloadHub

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"], body: .init())
        }
        let head = request.method == .head
        switch request.uri.path {
        case ReloadInjection.scriptPath:
            return Self.bytes(Array(ReloadClient.script.utf8), type: "text/javascript; charset=utf-8", head: head)
        case ReloadInjection.stylePath:
            return Self.bytes(Array(ReloadClient.stylesheet.utf8), type: "text/css; charset=utf-8", head: head)
        case ReloadInjection.eventsPath:
            return events()
        default:
            return await page(request.uri.path, query: request.uri.query, head: head)
        }
    }

    /// A file of the last good build, with the reload tag in HTML.
    func page(_ path: String, query: String?, head: Bool) async -> Response {
        let status = hub.current
        guard status.hasSite else { return placeholder(status, head: head) }
        // A request landing between the two renames of an output swap finds no folder;
        // the swap takes microseconds, so a short wait finds the new one.
        var tries = 0
        while !site.exists && tries < 20 {
            try? await Task.sleep(for: .milliseconds(5))
            tries += 1
        }
        switch site.lookup(path) {
        case .file(let file):
            guard let body = site.read(file) else { return notFound(status, head: head) }
            return content(body, type: MIMEType.of(path: file), status: status, head: head)
        case .redirect(let location):
            let target = query.map { location + "?" + $0 } ?? location
            return Response(status: .movedPermanently, headers: [.location: target, .cacheControl: "no-store"], body: .init())
        case .notFound:
            return notFound(status, head: head)
        case .badPath:
            return Self.bytes(Array("bad path\n".utf8), type: "text/plain; charset=utf-8", code: .badRequest, head: head)
        }
    }

    /// The site's own 404.html, as a static host would serve it.
    func notFound(_ status: SiteStatus, head: Bool) -> Response {
        guard let body = site.read("404.html") else {
            return Self.bytes(Array("not found\n".utf8), type: "text/plain; charset=utf-8", code: .notFound, head: head)
        }
        return content(body, type: MIMEType.of(path: "404.html"), status: status, code: .notFound, head: head)
    }

    /// Shown until a first build succeeds: the overlay says what to fix.
    func placeholder(_ status: SiteStatus, head: Bool) -> Response {
        let html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Briefing: waiting for a good build</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        <body><h1>Waiting for a build that succeeds</h1>
        <p>The site has not built yet. Fix the errors and save; this page reloads by itself.</p>
        </body></html>

        """
        return content(Array(html.utf8), type: "text/html; charset=utf-8", status: status, code: .serviceUnavailable, head: head)
    }

    func content(_ body: [UInt8], type: String, status: SiteStatus, code: HTTPResponse.Status = .ok, head: Bool) -> Response {
        let served = MIMEType.isHTML(type) ? ReloadInjection.inject(ReloadInjection.tags(for: status), into: body) : body
        return Self.bytes(served, type: type, code: code, head: head)
    }

    static func bytes(_ body: [UInt8], type: String, code: HTTPResponse.Status = .ok, head: Bool) -> Response {
        let headers: HTTPFields = [
            .contentType: type,
            .contentLength: String(body.count),
            // Every answer is fresh: a reload must show the new build, CSS included.
            .cacheControl: "no-store",
            .init("X-Content-Type-Options")!: "nosniff",
        ]
        return Response(status: code, headers: headers, body: head ? .init() : .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `text/event-stream`: the status now, then one event per build until the server stops.
    func events() -> Response {
        let (status, stream) = hub.subscribe()
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8",
            .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: .init { writer in
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n" + ReloadEvent.hello(status).wire))
            // Ends when the hub closes, the client goes away (a write fails), or the server
            // begins a graceful shutdown, which would otherwise wait on this stream forever.
            for await event in stream.cancelOnGracefulShutdown() {
                try await writer.write(ByteBuffer(string: event.wire))
            }
            try await writer.finish(nil)
        })
    }
}
