import Compliance
import FoundationEssentials
import Synchronization

/// The language of what this run writes for people — diagnostics on standard error as well as the
/// reports: `--lang` when a command has read it, else the locale of the environment.
enum OutputLanguage {
    private static let chosen = Mutex<ReportLanguage?>(nil)

    /// `--lang` if given, else the environment's (`fromEnvironment`).
    static var current: ReportLanguage { chosen.withLock { $0 } ?? fromEnvironment() }

    static var isChinese: Bool { current == .zh }

    /// Called once a command has parsed `--lang`.
    static func choose(_ language: ReportLanguage) {
        chosen.withLock { $0 = language }
    }

    /// Takes `--lang zh|en` from the raw command line before the options are parsed, so that the
    /// errors found before a command reads `--lang` (a repeated option, a bad `--as-of`, loancheck.yaml)
    /// are already in that language. An invalid value is left for the command to refuse.
    static func chooseEarly(from arguments: [String]) {
        var index = arguments.startIndex
        while index < arguments.endIndex, arguments[index] != "--" {
            let argument = arguments[index]
            let value = argument == "--lang" ? (index + 1 < arguments.endIndex ? arguments[index + 1] : nil)
                : argument.hasPrefix("--lang=") ? String(argument.dropFirst("--lang=".count)) : nil
            if let value, let language = ReportLanguage(rawValue: value) {
                choose(language)
                return
            }
            index += 1
        }
    }

    /// zh when the locale that governs messages is Chinese (`LC_ALL`, then `LC_MESSAGES`, then `LANG`,
    /// the POSIX order: the first one set and not empty decides), else en.
    static func fromEnvironment() -> ReportLanguage {
        let environment = ProcessInfo.processInfo.environment
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return locale.hasPrefix("zh") ? .zh : .en
    }

    /// `loancheck: 3 errors in the input; nothing was audited` / `loancheck: 输入中有 3 个错误；未进行审计`.
    static func inputErrorsLine(_ count: Int, what: String = "input") -> String {
        if isChinese { return "loancheck: \(what == "input" ? "输入" : "借据输入")中有 \(count) 个错误；未进行审计\n" }
        return "loancheck: \(count) error\(count == 1 ? "" : "s") in the \(what == "input" ? "input" : "ledger input"); nothing was audited\n"
    }

    /// `loancheck: 12 more diagnostics not shown (the first 2000 are above)`.
    static func moreDiagnosticsLine(_ more: Int, limit: Int) -> String {
        if isChinese { return "loancheck: 另有 \(more) 条诊断未显示（以上为前 \(limit) 条）\n" }
        return "loancheck: \(more) more diagnostic\(more == 1 ? "" : "s") not shown (the first \(limit) are above)\n"
    }
}
