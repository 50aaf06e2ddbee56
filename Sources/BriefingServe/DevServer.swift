import BriefingKit
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `briefing serve`: builds the site, serves it on 127.0.0.1, rebuilds when a source
/// changes, and tells open tabs to reload or to show what broke.
public struct DevServer: Sendable {
    public struct Options: Sendable {
        public var source: URL
        /// How the source folder is shown in diagnostics.
        public var displaySource: String
        /// Where builds go. The server serves this folder; it is replaced on every good build.
        public var output: URL
        /// 0 picks a free port (tests).
        public var port: Int
        /// Scan for changes instead of using inotify.
        public var polling: Bool
        /// How long file events must settle before a rebuild.
        public var quiet: Duration
        /// SIGINT and SIGTERM stop the server gracefully; tests stop it by cancelling instead.
        public var handleSignals: Bool

        public init(source: URL, displaySource: String? = nil, output: URL, port: Int = 8000,
                    polling: Bool = false, quiet: Duration = .milliseconds(30), handleSignals: Bool = true) {
            self.source = source.standardizedFileURL
            self.displaySource = displaySource ?? source.path
            self.output = output.standardizedFileURL
            self.port = port
            self.polling = polling
            self.quiet = quiet
            self.handleSignals = handleSignals
        }
    }

    /// What the terminal is told.
    public enum Event: Sendable {
        case built(BuildReport, changed: [String])
        case listening(host: String, port: Int, watching: String)
        case stopping
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotListen(port: Int, reason: String)
        public var description: String {
            switch self {
            case .cannotListen(let port, let reason):
                "cannot listen on 127.0.0.1:\(port): \(reason)" + (port == 0 ? "" : "; choose another port with --port")
            }
        }
    }

    public static let host = "127.0.0.1"

    public let options: Options
    let log: @Sendable (Event) -> Void

    public init(_ options: Options, log: @escaping @Sendable (Event) -> Void) {
        self.options = options
        self.log = log
    }

    /// Serves until SIGINT/SIGTERM (or cancellation). `onListening` gets the port (which
    /// matters when `options.port` is 0) once the first build is done and the site is up.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let hub = ReloadHub()
        let watcher = WatcherChoice.make(root: options.source, polling: options.polling, quiet: options.quiet)
        var logger = Logger(label: "briefing.serve")
        logger.logLevel = .critical
        let (ports, portFound) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let app = Application(
            responder: SiteResponder(site: SiteFolder(root: options.output), hub: hub),
            configuration: .init(address: .hostname(Self.host, port: options.port), serverName: nil),
            onServerRunning: { channel in portFound.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let rebuild = RebuildService(options: options, ports: ports, watcher: watcher, hub: hub, log: log, onListening: onListening)
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: app), .init(service: rebuild), .init(service: Heartbeat(hub: hub))],
            gracefulShutdownSignals: options.handleSignals ? [.sigint, .sigterm] : [],
            logger: logger
        )
        // Shutting down closes the events streams first (services stop in reverse order),
        // so the server is not kept waiting by open tabs; this bounds it all the same.
        configuration.maximumGracefulShutdownDuration = .seconds(3)
        configuration.maximumCancellationDuration = .seconds(2)
        defer {
            hub.close()
            watcher.stop()
        }
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            if let reason = Self.bindFailure(error) { throw Failure.cannotListen(port: options.port, reason: reason) }
            throw error
        }
    }

    /// ServiceGroup wraps a service's error; find the bind failure inside.
    static func bindFailure(_ error: any Error) -> String? {
        let text = String(describing: error)
        if text.contains("Address already in use") { return "the address is already in use" }
        if text.contains("bind") { return text }
        return nil
    }
}

/// Builds once the server is listening, then after each burst of changes; tells the hub.
///
/// The first build waits for the port because the site is built with
/// `base_url` = `http://127.0.0.1:PORT/`: the pages that use absolute URLs (404.html,
/// canonical links, the feed and sitemap) then point at the server rather than at
/// the published address.
struct RebuildService: Service {
    let options: DevServer.Options
    let ports: AsyncStream<Int>
    let watcher: any ChangeWatcher
    let hub: ReloadHub
    let log: @Sendable (DevServer.Event) -> Void
    let onListening: @Sendable (Int) async -> Void

    func run() async throws {
        var port = 0
        for await p in ports.cancelOnGracefulShutdown() {
            port = p
            break
        }
        guard port > 0 else { return }
        var buildOptions = SiteBuilder.Options(source: options.source, displaySource: options.displaySource,
                                               output: options.output, baseURL: "http://\(DevServer.host):\(port)/")
        // Each rebuild starts from what the last one decoded, rendered and parsed.
        buildOptions.remembersBuilds = true
        let build = SiteBuild(buildOptions)
        // A doorbell that holds at most one ring: changes that arrive during a build
        // collect in `pending` and cause exactly one more build.
        let (rings, doorbell) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let pending = PendingChanges()
        // Watching starts before the first build, so a save during it is not missed.
        watcher.start { paths in
            pending.add(paths)
            doorbell.yield()
        }
        let first = await build.run()
        hub.record(first)
        log(.built(first, changed: []))
        log(.listening(host: DevServer.host, port: port, watching: watcher.method))
        await onListening(port)

        for await _ in rings.cancelOnGracefulShutdown() {
            let changed = pending.take()
            guard !changed.isEmpty else { continue }
            let report = await build.run()
            hub.record(report)
            log(.built(report, changed: changed))
        }
        watcher.stop()
        log(.stopping)
        // The events streams end here, before the HTTP server's own shutdown waits on them.
        hub.close()
    }
}

/// Paths reported changed and not yet rebuilt.
final class PendingChanges: @unchecked Sendable {
    private let lock = NSLock()
    private var paths = Set<String>()

    func add(_ more: [String]) { lock.withLock { paths.formUnion(more) } }

    func take() -> [String] {
        lock.withLock {
            defer { paths.removeAll() }
            return paths.sorted()
        }
    }
}

/// A comment on every events stream now and then: proxies keep idle connections
/// open, and a write to a tab that has gone away ends its stream.
struct Heartbeat: Service {
    let hub: ReloadHub
    var every: Duration = .seconds(15)

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: every)
                hub.ping()
            }
        }
    }
}
