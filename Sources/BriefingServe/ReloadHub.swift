import BriefingKit
import Foundation

/// What a browser tab needs to know: which good build the server is showing,
/// and whether the latest build failed (and why).
struct SiteStatus: Sendable, Equatable {
    /// Differs between runs of `briefing serve`, so a tab reconnecting to a
    /// restarted server reloads instead of keeping a page from the old run.
    var instance: String
    /// Counts successful builds; 0 until the first one.
    var generation = 0
    /// The diagnostics of the latest build when it failed; nil when it succeeded.
    var failure: [Diagnostic]?

    /// Names the site a page was served from; a tab whose page is older reloads.
    var siteID: String { "\(instance)-\(generation)" }
    var hasSite: Bool { generation > 0 }
}

/// One message on the `/__briefing/events` stream.
enum ReloadEvent: Sendable, Equatable {
    /// Sent first on every connection: the current status.
    case hello(SiteStatus)
    /// A build succeeded: open tabs reload.
    case reload(SiteStatus)
    /// A build failed: open tabs show the overlay and keep the last good page.
    case failed(SiteStatus)
    /// A comment line that keeps idle connections open and finds closed ones.
    case ping

    /// The Server-Sent Events wire form: one `event:` and one single-line `data:`.
    var wire: String {
        switch self {
        case .hello(let s): "event: hello\ndata: \(Self.payload(s))\n\n"
        case .reload(let s): "event: reload\ndata: \(Self.payload(s))\n\n"
        case .failed(let s): "event: failed\ndata: \(Self.payload(s))\n\n"
        case .ping: ": ping\n\n"
        }
    }

    /// `{"site":"…","diagnostics":[…]|null}`; the JSON never holds a raw newline.
    static func payload(_ s: SiteStatus) -> String {
        let diagnostics = s.failure.map(DiagnosticJSON.array) ?? "null"
        return "{\"site\":\(DiagnosticJSON.string(s.siteID)),\"diagnostics\":\(diagnostics)}"
    }
}

/// Keeps the site's status and hands every change to each open events stream.
///
/// A lock rather than an actor: subscribing must read the status and join the
/// broadcast in one step, or a build finishing in between would be missed.
final class ReloadHub: @unchecked Sendable {
    private let lock = NSLock()
    private var status: SiteStatus
    private var streams: [Int: AsyncStream<ReloadEvent>.Continuation] = [:]
    private var nextID = 0
    private var closed = false

    init(instance: String = ReloadHub.newInstance()) {
        status = SiteStatus(instance: instance)
    }

    static func newInstance() -> String {
        String(UInt32.random(in: 0...UInt32.max), radix: 36)
    }

    var current: SiteStatus { lock.withLock { status } }
    var subscriberCount: Int { lock.withLock { streams.count } }

    /// The current status and a stream of what happens from now on.
    func subscribe() -> (status: SiteStatus, events: AsyncStream<ReloadEvent>) {
        let (events, continuation) = AsyncStream.makeStream(of: ReloadEvent.self, bufferingPolicy: .bufferingNewest(16))
        let snapshot: SiteStatus = lock.withLock {
            if closed {
                continuation.finish()
            } else {
                let id = nextID
                nextID += 1
                streams[id] = continuation
                continuation.onTermination = { [weak self] _ in self?.drop(id) }
            }
            return status
        }
        return (snapshot, events)
    }

    /// Records a build and tells every tab, unless it changed nothing a tab shows: a build
    /// that succeeded, wrote and removed nothing, after one that succeeded too. One save
    /// can reach the watcher in two bursts (a write in parts, events read late on a busy
    /// machine); the second build finds nothing changed, and the tabs need not reload twice.
    func record(_ report: BuildReport) {
        broadcast {
            if report.succeeded {
                if $0.hasSite && $0.failure == nil && report.written == 0 && report.removed == 0 { return nil }
                $0.generation += 1
                $0.failure = nil
                return .reload($0)
            }
            $0.failure = report.diagnostics
            return .failed($0)
        }
    }

    func ping() { broadcast { _ in .ping } }

    /// Ends every stream, so open connections finish and the server can stop.
    func close() {
        let all: [AsyncStream<ReloadEvent>.Continuation] = lock.withLock {
            closed = true
            defer { streams.removeAll() }
            return Array(streams.values)
        }
        for c in all { c.finish() }
    }

    /// `change` updates the status and gives the event to send, or nil for none.
    private func broadcast(_ change: (inout SiteStatus) -> ReloadEvent?) {
        lock.withLock {
            guard let event = change(&status) else { return }
            for c in streams.values { c.yield(event) }
        }
    }

    private func drop(_ id: Int) {
        lock.withLock { _ = streams.removeValue(forKey: id) }
    }
}
