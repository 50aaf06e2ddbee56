import BriefingKit
import Foundation

// `make theme-programs`: writes the built-in templates' programs as Swift source
// (Sources/BriefingKit/Render/BuiltInPrograms.swift), after a built-in template changed.
let path = CommandLine.arguments.dropFirst().first ?? "Sources/BriefingKit/Render/BuiltInPrograms.swift"
do {
    try Data(try Theme.builtInProgramsSource().utf8).write(to: URL(fileURLWithPath: path))
    print("wrote \(path)")
} catch {
    FileHandle.standardError.write(Data("briefing-theme-programs: \(error)\n".utf8))
    exit(1)
}
