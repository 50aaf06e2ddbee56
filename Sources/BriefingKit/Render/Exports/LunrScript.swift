import Foundation

/// lunr.js, the search library, taken from the system at build time and copied
/// into the site as `assets/lunr.min.js`.
///
/// It is a dependency, never a copy in the repository: Debian's `libjs-lunr`
/// installs it (the Makefile's `deps` does so), and `BRIEFING_LUNR` may name
/// another copy. Without it the build fails, naming the package to install.
enum LunrScript {
    static let outputPath = "assets/lunr.min.js"
    static let environmentKey = "BRIEFING_LUNR"
    static let debianPaths = ["/usr/share/javascript/lunr/lunr.min.js", "/usr/share/javascript/lunr/lunr.js"]

    static func read(environment: [String: String] = ProcessInfo.processInfo.environment) -> (files: [OutputFile], diagnostics: Diagnostics) {
        var d = Diagnostics()
        let candidates: [String]
        if let override = environment[environmentKey], !override.isEmpty {
            candidates = [override]
        } else {
            candidates = debianPaths
        }
        guard let path = candidates.first(where: { FileManager.default.isReadableFile(atPath: $0) }),
              let data = FileManager.default.contents(atPath: path) else {
            let named = environment[environmentKey].map { "\(environmentKey)=\($0) names no readable file" }
                ?? "lunr.js is not installed (looked for \(debianPaths[0]))"
            d.error(SourceLocation(path: candidates[0]),
                    "\(named); the search page needs it: install Debian's libjs-lunr (`apt-get install libjs-lunr`, or `make deps`), or set \(environmentKey) to a copy of lunr.min.js 2.3")
            return ([], d)
        }
        // A cheap guard against pointing the variable at the wrong file.
        guard String(decoding: data.prefix(2048), as: UTF8.self).contains("lunr") else {
            d.error(SourceLocation(path: path), "this file does not look like lunr.js; install Debian's libjs-lunr or set \(environmentKey) to lunr.min.js 2.3")
            return ([], d)
        }
        return ([OutputFile(path: outputPath, bytes: [UInt8](data))], d)
    }
}
