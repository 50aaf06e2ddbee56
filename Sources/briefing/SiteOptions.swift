import ArgumentParser
import BriefingKit
import Foundation

/// `--source`, shared by the commands that read a site.
struct SourceOption: ParsableArguments {
    @Option(name: .long, help: "The site's folder (holding briefing.yml and content/).")
    var source: String = "."

    var url: URL { URL(fileURLWithPath: source, isDirectory: true) }
}

/// `--quiet` and `--verbose`, shared by the commands that report.
struct OutputStyle: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print errors only.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print each stage's time.")
    var verbose = false
}

/// Prints diagnostics to stderr in the `path:line:col: error: message` form,
/// coloured only when stderr is a terminal.
struct Reporter {
    let quiet: Bool
    let colour = isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    func print(_ diagnostics: Diagnostics) {
        for d in diagnostics.sorted where !(quiet && d.severity == .warning) {
            var line = d.description
            if colour {
                let tag = d.severity == .error ? "\u{1B}[1;31merror:\u{1B}[0m" : "\u{1B}[1;33mwarning:\u{1B}[0m"
                line = "\u{1B}[1m\(d.location):\u{1B}[0m \(tag) \(d.message)"
            }
            err(line)
        }
    }

    func err(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
}
