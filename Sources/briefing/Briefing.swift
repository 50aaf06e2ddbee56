import ArgumentParser
import Foundation

@main
struct Briefing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "Builds a review team's briefing materials into a static wiki.",
        subcommands: [BuildCommand.self, CheckCommand.self, ImportCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self]
    )

    /// The contract's exit codes: 0 success, 1 content errors, 2 usage errors
    /// (ArgumentParser's own default for usage errors is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
