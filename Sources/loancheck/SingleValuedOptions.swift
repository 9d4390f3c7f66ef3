import ArgumentParser
import Diagnostics
import FoundationEssentials

/// Refuses a single-valued option given more than once (`--fail-on error … --fail-on never`).
///
/// swift-argument-parser keeps the last value, so a pipeline that appends `--fail-on never` would
/// silently disable gating. Which options take one value is read from the parser's own description
/// of the command (the JSON behind `--experimental-dump-help`), so every option of every command is
/// covered, including options added later, in both the `--name value` and `--name=value` spellings.
enum SingleValuedOptions {
    /// Usage error (exit 2) naming each repeated option and its values; `arguments` without the
    /// program name.
    static func check(_ arguments: [String], command: any ParsableCommand.Type) throws {
        // The command's own arguments follow its name (the root command has no options with values).
        let start = (arguments.firstIndex(of: command._commandName)).map { $0 + 1 } ?? arguments.startIndex
        let own = arguments[start...].prefix { $0 != "--" }.filter { $0.hasPrefix("-") }.map(optionName)
        // Most command lines name no option twice; only those need the option table (≈1.5 ms to build).
        guard Set(own).count < own.count else { return }
        let names = try optionNames(of: command)
        var values: [String: [String]] = [:]
        var order: [String] = []
        var index = start
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { break }  // the rest is positional
            let name = optionName(argument)
            if let canonical = names[name] {
                let value = name.count < argument.count ? String(argument.dropFirst(name.count + 1))
                    : (index + 1 < arguments.count ? arguments[index + 1] : "")
                if values[canonical] == nil { order.append(canonical) }
                values[canonical, default: []].append(value)
            }
            index += 1
        }
        try CommandSupport.refuse(order.compactMap { name in
            guard let given = values[name], given.count > 1 else { return nil }
            return .error("\(name) is given \(given.count) times (\(given.map { "'\($0)'" }.joined(separator: ", "))); it takes one value",
                          at: nil, hint: "give it once: a later \(name) does not override an earlier one")
        })
    }

    /// `--as-of` of `--as-of=2026-11-22`.
    private static func optionName(_ argument: String) -> String {
        argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
    }

    /// Every spelling of each single-valued option of `command` (`--as-of`, `-x`), mapped to the
    /// name used in messages.
    static func optionNames(of command: any ParsableCommand.Type) throws -> [String: String] {
        let info: ToolInfo
        do {
            info = try JSONDecoder().decode(ToolInfo.self, from: Data(command._dumpHelp().utf8))
        } catch {
            // Only a change of swift-argument-parser's format can cause this; fail closed.
            throw CommandSupport.usageError("internal error: cannot read the command-line options (\(error))")
        }
        var names: [String: String] = [:]
        for argument in info.command.arguments ?? [] where argument.kind == "option" && !argument.isRepeating {
            let spellings = (argument.names ?? []).map { name in
                switch name.kind {
                case "long": "--" + name.name
                default: "-" + name.name  // short, longWithSingleDash
                }
            }
            guard let preferred = spellings.first(where: { $0.hasPrefix("--") }) ?? spellings.first else { continue }
            for spelling in spellings { names[spelling] = preferred }
        }
        return names
    }

    /// The part of swift-argument-parser's tool description (`ToolInfoV0`) that is needed here.
    private struct ToolInfo: Decodable {
        struct Command: Decodable {
            let arguments: [Argument]?
        }

        struct Argument: Decodable {
            let kind: String
            let isRepeating: Bool
            let names: [Name]?
        }

        struct Name: Decodable {
            let kind: String
            let name: String
        }

        let command: Command
    }
}
