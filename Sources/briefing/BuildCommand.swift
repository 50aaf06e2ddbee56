import ArgumentParser
import BriefingKit
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into the output folder.")

    @OptionGroup var source: SourceOption
    @Option(name: .long, help: "Where the site goes (default: SOURCE/site). Replaced whole, only when the build succeeds.")
    var output: String?
    @Option(name: .long, help: "Absolute URL the site is published at (overrides base_url in briefing.yml).")
    var baseURL: String?
    @OptionGroup var style: OutputStyle

    func validate() throws {
        if let baseURL, let problem = SiteConfig.baseURLProblem(baseURL) {
            throw ValidationError("--base-url \(problem), not '\(baseURL)'")
        }
    }

    func run() throws {
        let out = output.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? source.url.appendingPathComponent("site", isDirectory: true)
        let start = ContinuousClock.now
        let result = SiteBuilder(.init(source: source.url, displaySource: source.source, output: out, baseURL: baseURL)).build()
        let reporter = Reporter(quiet: style.quiet)
        reporter.print(result.diagnostics)
        if style.verbose {
            for t in result.timings {
                reporter.err(BuildSummary.stage(t.stage, seconds: t.seconds))
            }
        }
        guard result.succeeded, let w = result.write else {
            let fate = result.partlyWritten ? "was changed before the failure; the next build rebuilds it whole" : "was left as it was"
            reporter.err("build failed: \(result.diagnostics.errors.count) error(s); \(out.path) \(fate)")
            throw ExitCode(1)
        }
        if !style.quiet {
            let d = ContinuousClock.now - start
            let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
            reporter.err(BuildSummary.line(pages: result.pageCount, kept: w.kept, files: result.files.count, written: w.written,
                                           unchanged: w.unchanged, warnings: result.diagnostics.warnings.count, milliseconds: ms)
                         + " → " + out.path)
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Run every validation of build; write nothing.")

    @OptionGroup var source: SourceOption
    @Flag(name: .long, help: "Also prove that every internal link and #anchor of the site resolves (in memory; writes nothing).")
    var links = false
    @OptionGroup var style: OutputStyle
    @Option(name: .long, help: "text: path:line:col lines on stderr; json: one object on stdout, for editors and CI.")
    var format: DiagnosticFormat = .text

    func run() throws {
        let result = SiteBuilder(.init(source: source.url, displaySource: source.source,
                                       output: source.url.appendingPathComponent("site"))).make()
        if format == .json {
            var all = result.diagnostics
            if links && result.succeeded { LinkChecker().check(result.files).forEach { all.append($0.diagnostic(folder: "site/")) } }
            print(DiagnosticJSON.report(all))
            if all.hasErrors { throw ExitCode(1) }
            return
        }
        let reporter = Reporter(quiet: style.quiet)
        reporter.print(result.diagnostics)
        guard result.succeeded else {
            reporter.err("check failed: \(result.diagnostics.errors.count) error(s)")
            throw ExitCode(1)
        }
        if links {
            let broken = LinkChecker().check(result.files)
            var d = Diagnostics()
            broken.forEach { d.append($0.diagnostic(folder: "site/")) }
            reporter.print(d)
            guard broken.isEmpty else {
                reporter.err("check failed: \(broken.count) broken link(s)")
                throw ExitCode(1)
            }
        }
        if !style.quiet {
            reporter.err("ok: \(result.pageCount) pages, \(result.diagnostics.warnings.count) warnings")
        }
    }
}

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
