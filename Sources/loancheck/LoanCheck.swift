import ArgumentParser
import Diagnostics

/// The `loancheck` command: checks lending products and institutions against rule packs.
struct LoanCheck: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "loancheck",
        abstract: "Check Chinese lending products and institutions against regulatory rule packs.",
        discussion: """
            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; \
            2 a usage error or an invalid input or rule pack.
            """,
        version: version,
        subcommands: [AuditCommand.self, ValidateCommand.self, TestCommand.self, RulesCommand.self, ExplainCommand.self,
                      AprCommand.self, EvalCommand.self, SchemaCommand.self],
        defaultSubcommand: nil
    )
}

/// Runs the command line with loancheck's exit-code contract: usage errors exit 2 (not 64).
@main
enum LoanCheckMain {
    static func main() {
        do {
            var command = try LoanCheck.parseAsRoot()
            try SingleValuedOptions.check(Array(CommandLine.arguments.dropFirst()), command: type(of: command))
            try command.run()
        } catch {
            let code = LoanCheck.exitCode(for: error)
            if code == .success || error is ExitCode {
                LoanCheck.exit(withError: error)
            }
            // Help and version requests exit 0; every other parse/validation failure is a usage error.
            FileOutput.standardError.write(LoanCheck.fullMessage(for: error) + "\n")
            LoanCheck.exit(withError: ExitCode(ExitStatus.invalidInput))
        }
    }
}

/// loancheck's exit statuses (DESIGN §5).
enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let invalidInput: Int32 = 2
}
