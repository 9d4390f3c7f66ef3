import ArgumentParser
import Compliance
import Diagnostics
import RuleLanguage

/// `loancheck rules [--format json]`: the loaded rules with citations, dates and status.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "List the loaded rules with their citations, dates and status.")

    @Option(name: .customLong("format"), help: "text | json")
    var format: String = "text"

    @Option(name: .customLong("as-of"), help: "Show whether each rule is in force on this date (default: today).")
    var asOf: String?

    @Option(name: .customLong("rules"), help: "Extra rules directories.")
    var rulesDirectories: [String] = []

    func run() throws {
        guard format == "text" || format == "json" else {
            throw CommandSupport.usageError("--format must be text or json, not '\(format)'")
        }
        let date = try CommandOptions.asOfDate(asOf)
        let rules = try CommandSupport.loadRules(extra: rulesDirectories)
        if format == "json" {
            let items: [JSONValue] = rules.packs.flatMap { pack in
                pack.rules.map { rule in
                    JSONValue.object([
                        ("id", .string(rule.id)),
                        ("pack", .object([("id", .string(pack.id)), ("version", .string(pack.version)), ("status", .string(pack.status.rawValue))])),
                        ("title", .object([("zh", .string(rule.title.zh)), ("en", .string(rule.title.en))])),
                        ("subject", .string(rule.subject.rawValue)),
                        ("severity", .string(rule.severity.rawValue)),
                        ("effective", .string(rule.effective.description)),
                        ("enforced", rule.enforced.map { .string($0.description) } ?? .null),
                        ("repealed", rule.repealed.map { .string($0.description) } ?? .null),
                        ("newBusinessFrom", rule.newBusinessFrom.map { .string($0.description) } ?? .null),
                        ("status", .string(status(rule, of: pack, on: date))),
                        ("citation", .object([
                            ("regulation", .object([("zh", .string(rule.citation.regulation.zh)), ("en", .string(rule.citation.regulation.en))])),
                            ("article", .string(rule.citation.article)),
                            ("verified", .bool(rule.citation.verified)),
                            ("also", .array(rule.citation.also.map { .string($0) })),
                            ("url", rule.citation.url.map { .string($0) } ?? .null),
                            ("quote", rule.citation.quote.map { .string($0) } ?? .null),
                            ("source", rule.citation.source.map { .string($0) } ?? .null),
                            ("note", rule.citation.note.map { .string($0) } ?? .null),
                        ])),
                        ("appliesTo", rule.appliesToText.map { .string($0) } ?? .null),
                        ("require", .string(rule.requirementText)),
                    ])
                }
            }
            try FileOutput.standardOutput.write(JSONValue.object([("asOf", .string(date.description)), ("rules", .array(items))])
                .serialized(indent: 2) + "\n")
            return
        }
        var out = "rules as of \(date)\n"
        for pack in rules.packs {
            out += "\n\(pack.id) \(pack.version) [\(pack.status.rawValue)] \(pack.title.zh) — \(pack.instrument)\n"
            for rule in pack.rules {
                var dates = "effective \(rule.effective)"
                if let enforced = rule.enforced { dates += ", enforced \(enforced)" }
                if let repealed = rule.repealed { dates += ", repealed \(repealed)" }
                if let newBusiness = rule.newBusinessFrom { dates += ", new business from \(newBusiness)" }
                out += "  \(rule.id.padding(to: 30)) \(rule.severity.rawValue.padding(to: 8)) \(status(rule, of: pack, on: date).padding(to: 12)) \(dates)\n"
                out += "      \(rule.title.en)\n      \(rule.citation.text(.zh))\n"
            }
        }
        // Pack texts are shown escaped (`DisplayText`); the line breaks are the listing's own.
        try FileOutput.standardOutput.write(DisplayText.safe(out, layout: .block))
    }

    private func status(_ rule: Rule, of pack: RulePack, on date: CivilDate) -> String {
        if date < rule.effective { return "upcoming" }
        if let repealed = rule.repealed, date >= repealed { return "repealed" }
        // A draft's rules are never in force (findings at most warnings); a superseded pack's neither.
        switch pack.status {
        case .draft: return "draft"
        case .superseded: return "superseded"
        case .inForce: break
        }
        if let enforced = rule.enforced, date < enforced { return "transition" }
        return "in-force"
    }
}

/// `loancheck explain RULE-ID`: the rule, its citation, parameters and their history.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain a rule: citation, applicability, requirement, parameters and their history.")

    @Argument(help: "A rule id, e.g. CN-BANK-PARTNER-SHARE.")
    var ruleId: String

    @Option(name: .customLong("rules"), help: "Extra rules directories.")
    var rulesDirectories: [String] = []

    func run() throws {
        let rules = try CommandSupport.loadRules(extra: rulesDirectories)
        guard let (pack, rule) = rules.rule(ruleId) else {
            throw CommandSupport.usageError("unknown rule '\(ruleId)'",
                                            hint: Suggestions.hint(for: ruleId, in: rules.ruleIds) ?? "see `loancheck rules`")
        }
        var out = "\(rule.id) — \(rule.title.zh)\n\(rule.title.en)\n\n"
        out += "pack:        \(pack.id) \(pack.version) [\(pack.status.rawValue)]\n"
        out += "             \(pack.title.zh) / \(pack.title.en)\n"
        out += "             \(pack.instrument), \(pack.authority.zh) (\(pack.authority.en))\n"
        if let source = pack.source { out += "             \(source)\n" }
        out += "citation:    \(rule.citation.regulation.zh) \(rule.citation.article)\(rule.citation.verified ? "" : " (article number not verified)")\n"
        out += "             \(rule.citation.regulation.en)\n"
        for also in rule.citation.also { out += "             also: \(also)\n" }
        if let url = rule.citation.url { out += "             official text: \(url)\n" }
        if let quote = rule.citation.quote {
            // A quote of several provisions keeps its line breaks, each line under the first.
            out += "quote:       「\(quote.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n              "))」\n"
        } else {
            out += "quote:       (none: the provision's words are not in the pack)\n"
        }
        if let source = rule.citation.source { out += "quoted from: \(source)\n" }
        if let note = rule.citation.note { out += "note:        \(note)\n" }
        out += "subject:     \(rule.subject.rawValue) (bound as `\(rule.subject.variable)`\(rule.subject == .loanProduct ? ", its lender as `lender`" : ""))\n"
        out += "applies to:  \(rule.appliesToText ?? "every \(rule.subject.rawValue)")\n"
        out += "requires:    \(rule.requirementText)\n"
        out += "severity:    \(rule.severity.rawValue)\n"
        if let escalation = rule.escalation {
            out += "escalates:   to \(escalation.severity.rawValue) unless \(escalation.requirementText)\n"
        }
        out += "effective:   \(rule.effective)\n"
        if let enforced = rule.enforced { out += "enforced:    \(enforced) (before it a violation is a warning)\n" }
        if let repealed = rule.repealed { out += "repealed:    \(repealed)\n" }
        if let newBusiness = rule.newBusinessFrom {
            out += "new business: from \(newBusiness) (a product closed before it is exempt: its stock runs off)\n"
        }
        if pack.status == .draft { out += "draft:       findings are at most warnings (draft, not in force)\n" }
        out += "message:     \(rule.message.zh)\n             \(rule.message.en)\n"
        for name in rule.parameters {
            guard let parameter = pack.parameter(name) else { continue }
            out += "\nparameter \(name) (\(parameter.type))\(parameter.doc.map { ": \($0)" } ?? "")\n"
            for value in parameter.history {
                out += "  from \(value.from)  \(value.value.displayText)\(value.source.map { "  — \($0)" } ?? "")\n"
            }
        }
        out += "\ntests: \(rule.tests.count) (\(rule.tests.filter { !$0.expectsViolation }.count) passing, \(rule.tests.filter(\.expectsViolation).count) failing); run `loancheck test \(pack.id)`\n"
        // Pack texts are shown escaped (`DisplayText`); the line breaks are the listing's own.
        try FileOutput.standardOutput.write(DisplayText.safe(out, layout: .block))
    }
}
