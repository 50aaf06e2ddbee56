import BriefingKit
import Dispatch
import Foundation

/// What one build produced, as the terminal and the browser are told.
public struct BuildReport: Sendable {
    public var succeeded: Bool
    /// Sorted, so the terminal and the overlay list them in the same order.
    public var diagnostics: [Diagnostic]
    public var pages: Int
    public var files: Int
    public var written: Int
    /// Files the build deleted from the output: pages no longer made.
    public var removed: Int = 0
    public var unchanged: Int
    /// Pages not rendered at all: their inputs did not change.
    public var kept: Int
    public var milliseconds: Double
    public var timings: [(stage: String, seconds: Double)]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// Runs the full `briefing build` into the serving folder.
///
/// Builds run one at a time on a queue of their own: a build blocks its thread for
/// tens of milliseconds and fans out over both cores, which would starve Swift's
/// cooperative pool (two threads here) that answers HTTP requests.
final class SiteBuild: Sendable {
    let options: SiteBuilder.Options
    private let queue = DispatchQueue(label: "briefing.serve.build")

    init(_ options: SiteBuilder.Options) { self.options = options }

    func run() async -> BuildReport {
        let options = self.options
        return await withCheckedContinuation { done in
            queue.async { done.resume(returning: Self.build(options)) }
        }
    }

    static func build(_ options: SiteBuilder.Options) -> BuildReport {
        let start = ContinuousClock.now
        let result = SiteBuilder(options).build()
        let elapsed = ContinuousClock.now - start
        return BuildReport(
            succeeded: result.succeeded && result.write != nil,
            diagnostics: result.diagnostics.sorted,
            pages: result.pageCount,
            files: result.files.count,
            written: result.write?.written ?? 0,
            removed: result.write?.removed ?? 0,
            unchanged: result.write?.unchanged ?? 0,
            kept: result.write?.kept ?? 0,
            milliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            timings: result.timings
        )
    }
}
