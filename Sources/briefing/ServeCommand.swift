import ArgumentParser
import BriefingKit
import BriefingServe
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve on 127.0.0.1, rebuild on change and reload the browser.",
        discussion: """
        Watches content/, templates/, static/ and briefing.yml. A build error is printed here \
        and shown over the page in the browser; the last good build stays up until it is fixed. \
        Builds go to a private temporary folder (removed on exit), never into SOURCE/site. \
        Ctrl-C stops the server.
        """
    )

    @Option(name: .long, help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8000
    @OptionGroup var source: SourceOption
    @Flag(name: .long, help: "Scan for changes every 300 ms instead of using inotify (network or container-mounted folders).")
    var poll = false
    @OptionGroup var style: OutputStyle

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("briefing-serve-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        defer { try? fm.removeItem(at: scratch) }
        let terminal = ServeTerminal(reporter: Reporter(quiet: style.quiet), verbose: style.verbose)
        let server = DevServer(.init(source: source.url, displaySource: source.source,
                                     output: scratch.appendingPathComponent("site", isDirectory: true),
                                     port: port, polling: poll),
                               log: terminal.show)
        do {
            try await server.run()
        } catch let failure as DevServer.Failure {
            terminal.reporter.err("error: \(failure)")
            throw ExitCode(1)
        }
    }
}

/// One line per build, diagnostics in the editor form, colour only on a terminal.
///
/// Errors print after every build; warnings only when they differ from the last
/// build's, so a save that changes nothing about them does not scroll them past again.
final class ServeTerminal: @unchecked Sendable {
    let reporter: Reporter
    let verbose: Bool
    private let lock = NSLock()
    private var shownWarnings: [Diagnostic]? = nil

    init(reporter: Reporter, verbose: Bool) {
        self.reporter = reporter
        self.verbose = verbose
    }

    func show(_ event: DevServer.Event) {
        lock.withLock { print(event) }
    }

    private func print(_ event: DevServer.Event) {
        switch event {
        case .built(let report, let changed):
            if !reporter.quiet, !changed.isEmpty {
                let shown = changed.prefix(3).joined(separator: ", ") + (changed.count > 3 ? " and \(changed.count - 3) more" : "")
                reporter.err("changed: \(shown)")
            }
            let warnings = report.warnings
            let newWarnings = warnings != shownWarnings
            shownWarnings = warnings
            var diagnostics = Diagnostics()
            diagnostics.append(contentsOf: report.diagnostics.filter { $0.severity == .error || newWarnings })
            reporter.print(diagnostics)
            if verbose {
                for t in report.timings { reporter.err(BuildSummary.stage(t.stage, seconds: t.seconds)) }
            }
            if report.succeeded {
                if !reporter.quiet {
                    reporter.err(BuildSummary.line(pages: report.pages, kept: report.kept, files: report.files, written: report.written,
                                                   unchanged: report.unchanged, warnings: warnings.count, milliseconds: report.milliseconds))
                }
            } else {
                reporter.err("build failed: \(report.errors.count) error(s); still serving the last good build")
            }
        case .listening(let host, let port, let watching):
            // Shown even with --quiet: without it nobody knows where to point the browser.
            reporter.err("serving http://\(host):\(port)/ — watching content/, templates/, static/ and briefing.yml (\(watching)); Ctrl-C stops")
        case .stopping:
            if !reporter.quiet { reporter.err("stopping") }
        }
    }
}
