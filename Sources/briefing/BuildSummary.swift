/// The line `build` and `serve` end a build with, and the stage times `--verbose` adds.
///
/// Written out rather than with `String(format:)`: its first call cost every process a
/// third of a millisecond of Foundation's protocol lookups, a percent of a build with
/// nothing to do.
enum BuildSummary {
    static func line(pages: Int, kept: Int, files: Int, written: Int, unchanged: Int, warnings: Int, milliseconds: Double) -> String {
        "built \(pages) pages (\(pages - kept) rendered), \(files) files (\(written) written, \(unchanged) unchanged), "
            + "\(warnings) warnings in \(Int(milliseconds.rounded())) ms"
    }

    /// `  load             155.0 ms`: the name in 14 columns, the time in 8 with one decimal.
    static func stage(_ name: String, seconds: Double) -> String {
        let tenths = Int((seconds * 10_000).rounded())
        let time = "\(tenths / 10).\(tenths % 10)"
        let pad = { (s: String, n: Int) in String(repeating: " ", count: max(0, n - s.count)) }
        return "  " + name + pad(name, 14) + pad(time, 8) + time + " ms"
    }
}
