import Compliance
import Diagnostics

/// `loancheck diff --format json` (format version 1; see `docs/diff-and-calendar.md`): the two dates,
/// the packs and inputs, the regime changes between the dates (`timeline`), every finding that appears,
/// disappears or changes with its causes, and the counts. A finding is the audit report's finding
/// object; `before` is the one on `from` for a change.
struct DiffJSONReport {
    static let formatVersion = 1

    let diff: AuditDiff

    func render() -> String {
        let before = JSONReport(report: diff.from)
        let after = JSONReport(report: diff.to)
        let worse = diff.newOrWorse
        return JSONValue.object([
            ("formatVersion", .int(Self.formatVersion)),
            ("tool", .object([("name", .string(diff.to.toolName)), ("version", .string(diff.to.toolVersion))])),
            ("from", .string(diff.from.asOf.description)),
            ("to", .string(diff.to.asOf.description)),
            ("language", .string(diff.to.language.rawValue)),
            ("packs", JSONReport.packs(diff.to)),
            ("ruleChanges", JSONReport.ruleChanges(diff.to)),
            ("inputs", JSONReport.inputs(diff.to)),
            ("timeline", .array(diff.timeline.map(Self.event))),
            ("changes", .array(diff.changes.map { change in
                .object([
                    ("change", .string(change.change.rawValue)),
                    ("newOrWorse", .bool(change.isNewOrWorse)),
                    ("finding", change.change == .disappeared ? before.finding(change.finding) : after.finding(change.finding)),
                    ("before", change.change == .changed ? change.before.map(before.finding) ?? .null : .null),
                    ("severity", change.before.flatMap { from in change.after.map { to in
                        .object([("from", .string(from.severity.rawValue)), ("to", .string(to.severity.rawValue))])
                    } } ?? .null),
                    ("causes", .array(change.causes.map(Self.cause))),
                ])
            })),
            ("summary", .object([
                ("appeared", .int(diff.changes(.appeared).count)),
                ("disappeared", .int(diff.changes(.disappeared).count)),
                ("changed", .int(diff.changes(.changed).count)),
                ("newOrWorse", .object(FindingSeverity.allCases.reversed().map { severity in
                    (severity.rawValue, .int(worse.filter { $0.severity == severity }.count))
                })),
            ])),
        ]).serialized(indent: 2, terminator: "\n")
    }

    /// A regime change: date, kind, pack, rules, the parameter's values for a parameter change, and its text.
    static func event(_ event: RegimeEvent) -> JSONValue {
        var parameter = JSONValue.null
        if case .parameterChange(let name, let previous, let value, let source) = event.kind {
            parameter = .object([("name", .string(name)), ("previous", previous.map(JSONValue.string) ?? .null),
                                 ("value", .string(value)), ("source", source.map(JSONValue.string) ?? .null)])
        }
        return .object([
            ("date", .string(event.date.description)), ("kind", .string(event.kind.name)),
            ("pack", .string(event.packId)), ("instrument", .string(event.instrument)),
            ("packStatus", .string(event.packStatus.rawValue)),
            ("rules", .array(event.rules.map(JSONValue.string))), ("parameter", parameter),
            ("text", .string(DiffWording.event(event))),
        ])
    }

    private static func cause(_ cause: DiffCause) -> JSONValue {
        var date = JSONValue.null
        var pack = JSONValue.null
        if case .regime(_, let event) = cause {
            date = .string(event.date.description)
            pack = .string(event.packId)
        }
        return .object([("kind", .string(DiffWording.causeKind(cause))), ("date", date), ("pack", pack),
                        ("text", .string(DiffWording.cause(cause)))])
    }
}
