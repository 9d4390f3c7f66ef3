import ArgumentParser
import Diagnostics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `loancheck` command: checks lending products and institutions against rule packs.
struct LoanCheck: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "loancheck",
        abstract: "Check Chinese lending products and institutions against regulatory rule packs.",
        discussion: """
            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; \
            2 a usage error, an invalid input or rule pack, or an output that cannot be written \
            (standard output closed by its reader included).
            """,
        version: "\(version) (commit \(BuildInfo.commit))",
        subcommands: [AuditCommand.self, ValidateCommand.self, TestCommand.self, RulesCommand.self, ExplainCommand.self,
                      AprCommand.self, EvalCommand.self, SchemaCommand.self, SQLCommand.self, ImportCommand.self, InitCommand.self,
                      DiffCommand.self, CalendarCommand.self],
        defaultSubcommand: nil
    )
}

/// Runs the command line with loancheck's exit-code contract: usage errors exit 2 (not 64), a failed
/// write to standard output or a report file exits 2 with the reason, and never a signal status.
@main
enum LoanCheckMain {
    static func main() {
        // A closed pipe (`loancheck audit | head`) is then a write error (EPIPE), handled below,
        // instead of a kill by SIGPIPE (exit 141 in a shell).
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.isEmpty {
            // No subcommand is a usage error: the help goes to standard error, and the status says so.
            FileOutput.standardError.write(LoanCheck.helpMessage() + "\n")
            LoanCheck.exit(withError: ExitCode(ExitStatus.invalidInput))
        }
        if arguments == ["--version"] {
            do {
                try FileOutput.standardOutput.write(VersionText.full())
            } catch {
                if !error.isBrokenPipe { CommandSupport.report([error.diagnostic], sources: SourceTexts()) }
                LoanCheck.exit(withError: ExitCode(ExitStatus.invalidInput))
            }
            LoanCheck.exit()
        }
        OutputLanguage.chooseEarly(from: arguments)
        do {
            // A repeated single-valued option is refused before parsing, so that it is reported even when
            // the command line has another problem (`sql` without its required --dialect).
            if let name = arguments.first, let subcommand = LoanCheck.configuration.subcommands.first(where: { $0._commandName == name }) {
                try SingleValuedOptions.check(arguments, command: subcommand)
            }
            var command = try LoanCheck.parseAsRoot()
            try command.run()
        } catch let error as OutputError {
            // The reader of a closed pipe is gone and wanted no more: no message, but never a pass.
            if !error.isBrokenPipe { CommandSupport.report([error.diagnostic], sources: SourceTexts()) }
            LoanCheck.exit(withError: ExitCode(ExitStatus.invalidInput))
        } catch {
            let code = LoanCheck.exitCode(for: error)
            if error is ExitCode {
                LoanCheck.exit(withError: error)
            }
            if code == .success {
                // Help and version: printed here so that a failed write is not ignored.
                let message = LoanCheck.fullMessage(for: error)
                do {
                    try FileOutput.standardOutput.write(message.isEmpty ? "" : message + "\n")
                } catch let error {
                    if !error.isBrokenPipe { CommandSupport.report([error.diagnostic], sources: SourceTexts()) }
                    LoanCheck.exit(withError: ExitCode(ExitStatus.invalidInput))
                }
                LoanCheck.exit()
            }
            // Every other parse/validation failure is a usage error.
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
