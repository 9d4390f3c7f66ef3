import ArgumentParser
import Diagnostics
import Synchronization

/// `--color auto|always|never`: ANSI colour in the text report and in diagnostics. `auto` (the
/// default) colours a terminal unless `NO_COLOR` is set or `TERM` is `dumb`; `always` colours a file or
/// a pipe too (a CI log that shows colours), whatever `NO_COLOR` says; `never` never colours.
struct ColorOptions: ParsableArguments {
    @Option(name: .customLong("color"), help: "auto (default: on a terminal, unless NO_COLOR) | always | never.")
    var choice: String?

    /// Makes the choice the process's, before anything is printed; a usage error for another word.
    func apply() throws {
        guard let choice else { return }
        guard let mode = ColorMode(rawValue: choice) else {
            throw CommandSupport.usageError("--color must be auto, always or never, not '\(choice)'",
                                            hint: Suggestions.hint(for: choice, in: ["auto", "always", "never"]))
        }
        ColorMode.current = mode
    }
}

/// Whether output is coloured, for the whole process.
enum ColorMode: String, Sendable {
    case auto, always, never

    private static let storage = Mutex(ColorMode.auto)

    static var current: ColorMode {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
