// Rebuilds one site again and again in one process, as `briefing serve` does after
// each save, so that a serve rebuild can be measured without a server, a watcher or
// a browser: under `valgrind --tool=callgrind` (which cannot run the server), the
// difference between N rebuilds and none counts one rebuild's instructions exactly.
//
// usage: BriefingRebuildBench SOURCE OUTPUT [REBUILDS]
// Each rebuild first appends a new sentence to content/recommendations/1.md (the edit
// bench/serve_latency.py makes); the file is restored at the end. Prints each
// rebuild's wall time and the median. `make bench-rebuild` runs it.
import BriefingKit
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: BriefingRebuildBench SOURCE OUTPUT [REBUILDS]\n".utf8))
    exit(2)
}
let source = URL(fileURLWithPath: arguments[1])
let output = URL(fileURLWithPath: arguments[2])
let rebuilds = arguments.count > 3 ? Int(arguments[3]) ?? 10 : 10
let edited = source.appendingPathComponent("content/recommendations/1.md")
guard let original = try? Data(contentsOf: edited) else {
    FileHandle.standardError.write(Data("cannot read \(edited.path)\n".utf8))
    exit(2)
}

let options = {
    var o = SiteBuilder.Options(source: source, displaySource: "", output: output)
    o.remembersBuilds = true
    return o
}()

/// Each stage's seconds, per rebuild: where a rebuild's time goes.
var laps: [String: [Double]] = [:]
var stages: [String] = []

@MainActor func build() -> Double {
    let start = ContinuousClock.now
    let result = SiteBuilder(options).build()
    for (stage, seconds) in result.timings {
        if laps[stage] == nil { stages.append(stage) }
        laps[stage, default: []].append(seconds * 1000)
    }
    let elapsed = ContinuousClock.now - start
    guard result.succeeded else {
        FileHandle.standardError.write(Data("build failed:\n\(result.diagnostics.sorted.map(\.description).joined(separator: "\n"))\n".utf8))
        try? original.write(to: edited)
        exit(1)
    }
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

print(String(format: "first build: %.1f ms", build()))
laps = [:]
stages = []
var times: [Double] = []
for i in 0..<rebuilds {
    try original.write(to: edited)
    let handle = try FileHandle(forWritingTo: edited)
    handle.seekToEndOfFile()
    handle.write(Data("\nEdited in rebuild \(i + 1).\n".utf8))
    try handle.close()
    times.append(build())
}
try original.write(to: edited)
if !times.isEmpty {
    let sorted = times.sorted()
    print(times.map { String(format: "%.1f", $0) }.joined(separator: " "))
    print(stages.map { stage in
        let t = laps[stage, default: []].sorted()
        return String(format: "%@ %.1f", stage, t[t.count / 2])
    }.joined(separator: ", ") + " ms (medians)")
    print(String(format: "%d rebuilds: median %.1f ms, min %.1f ms, max %.1f ms", times.count, sorted[sorted.count / 2], sorted[0], sorted[sorted.count - 1]))
}
