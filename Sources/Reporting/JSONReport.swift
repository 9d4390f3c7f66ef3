import Compliance
import Diagnostics
import RuleLanguage

/// `--format json`: the stable machine-readable report of DESIGN §5, with the additions documented in
/// `docs/report-formats.md` (format version 1). Keys are always present and always in the same order;
/// absent values are `null`.
struct JSONReport {
    /// The version of the JSON layout; bumped only for incompatible changes (see the docs).
    static let formatVersion = 1

    let report: AuditReport

    private let wording: ReportWording

    init(report: AuditReport) {
        self.report = report
        wording = ReportWording(report: report)
    }

    func render() -> String {
        document().serialized(indent: 2, terminator: "\n")
    }

    func document() -> JSONValue {
        .object([
            ("formatVersion", .int(Self.formatVersion)),
            ("tool", .object([("name", .string(report.toolName)), ("version", .string(report.toolVersion))])),
            ("asOf", .string(report.asOf.description)),
            ("language", .string(report.language.rawValue)),
            ("packs", Self.packs(report)),
            ("ruleChanges", Self.ruleChanges(report)),
            ("inputs", Self.inputs(report)),
            ("findings", .array(of: report.findings) { finding($0) }),
            ("errors", Self.errors(report)),
            ("audited", .bool(report.audited)),
            ("summary", Self.summary(report)),
            ("waivers", Self.waivers(report)),
            ("baseline", Self.baseline(report)),
            ("ledger", Self.ledger(report)),
        ])
    }

    /// `errors`: the input problems that stopped the audit (empty when it ran), each with its
    /// `LC-INPUT-…` rule, kind, severity, message, location, hints and notes.
    static func errors(_ report: AuditReport) -> JSONValue {
        .array(report.inputErrors.map { diagnostic in
            .object([
                ("rule", .string(InputErrorReport.rule(diagnostic))),
                ("kind", .string((diagnostic.kind ?? .schema).rawValue)),
                ("severity", .string(diagnostic.severity.rawValue)),
                ("message", .string(diagnostic.message)),
                ("location", diagnostic.location.map(location) ?? .null),
                ("hints", .array(diagnostic.hints.map(JSONValue.string))),
                ("notes", .array(diagnostic.notes.map { note in
                    .object([("message", .string(note.message)), ("location", note.location.map(location) ?? .null)])
                })),
            ])
        })
    }

    /// `summary`: unwaived violations by severity, "cannot evaluate" findings apart, waived findings, and
    /// the counts per rule (shared with the SARIF stamp).
    static func summary(_ report: AuditReport) -> JSONValue {
        let summary = report.summary
        return .object([
            ("error", .int(summary.error)), ("warning", .int(summary.warning)), ("info", .int(summary.info)),
            ("cannotEvaluate", .int(summary.cannotEvaluate)), ("waived", .int(summary.waived)),
            ("byRule", byRule(report)),
        ])
    }

    /// `summary.byRule`: every rule checked, with its true totals (even when findings are capped).
    static func byRule(_ report: AuditReport) -> JSONValue {
        .object(report.byRule.map { rule, counts in
            (rule, .object([
                ("error", .int(counts.error)), ("warning", .int(counts.warning)), ("info", .int(counts.info)),
                ("waived", .int(counts.waived)), ("cannotEvaluate", .int(counts.cannotEvaluate)), ("checked", .int(counts.checked)),
            ]))
        })
    }

    /// What the ledger audit read (null without a LedgerSchema).
    static func ledger(_ report: AuditReport) -> JSONValue {
        guard let ledger = report.ledger else { return .null }
        return .object([
            ("engine", .string(ledger.engine)), ("loans", .int(ledger.loans)), ("fundings", .int(ledger.fundings)),
            ("maxFindingsPerRule", .int(ledger.maxFindingsPerRule)),
        ])
    }

    /// A ledger finding's extras: the loan's product, or the group's key, size and largest loans.
    static func ledgerDetail(_ detail: LedgerDetail) -> JSONValue {
        .object([
            ("product", detail.product.map(JSONValue.string) ?? .null),
            ("key", .array(detail.key.map { part in
                .object([("name", .string(part.name)), ("value", .string(part.value))])
            })),
            ("loans", detail.loanCount.map(JSONValue.int) ?? .null),
            ("largest", .array(detail.largest.map { contributor in
                .object([("loanId", .string(contributor.loanId)), ("amount", .string(contributor.amount)),
                         ("location", contributor.location.map(location) ?? .null)])
            })),
        ])
    }

    func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("rule", .string(finding.rule)),
            ("severity", .string(finding.severity.rawValue)),
            ("packStatus", .string(finding.packStatus.rawValue)),
            ("subject", Self.subject(finding.subject)),
            ("path", .string(finding.path)),
            ("location", finding.location.map(Self.location) ?? .null),
            ("message", .string(wording.text(finding.message))),
            ("messages", Self.localized(finding.message)),
            ("evidence", Self.evidence(finding.evidence)),
            ("citation", citation(finding.citation, effective: finding.effective)),
            ("regimeNote", finding.regimeNote.map { .string(wording.text($0)) } ?? .null),
            ("cannotEvaluate", .bool(finding.cannotEvaluate)),
            ("waived", .bool(finding.isWaived)),
            ("waiver", finding.waiver.map(Self.waiver) ?? .null),
            ("baseline", wording.baselineState(of: finding).map(JSONValue.string) ?? .null),
            ("ledger", finding.ledger.map(Self.ledgerDetail) ?? .null),
            ("products", finding.products.isEmpty ? .null : .array(finding.products.map(JSONValue.string))),
            ("baselineActual", report.baseline?.acceptedActual(of: finding).map(JSONValue.string) ?? .null),
        ])
    }

    private func citation(_ citation: Citation, effective: CivilDate) -> JSONValue {
        .object([
            ("regulation", .string(wording.text(citation.regulation))),
            ("article", .string(citation.article)),
            ("effective", .string(effective.description)),
            ("verified", .bool(citation.verified)),
        ])
    }

    // MARK: - Pieces shared with the SARIF report (the reproducibility stamp)

    static func subject(_ subject: SubjectReference) -> JSONValue {
        .object([("kind", .string(subject.kind)), ("id", .string(subject.id))])
    }

    static func location(_ location: SourceLocation) -> JSONValue {
        .object([("file", .string(PathBytes.shown(location.file))), ("line", .int(location.line)), ("column", .int(location.column))])
    }

    static func localized(_ text: LocalizedText) -> JSONValue {
        .object([("zh", .string(text.zh)), ("en", .string(text.en))])
    }

    static func evidence(_ evidence: FindingEvidence) -> JSONValue {
        .object([
            ("actual", .string(evidence.actual)),
            ("required", .string(evidence.required)),
            ("detail", .string(evidence.detail)),
            ("parameters", .array(evidence.parameters.map(parameter))),
        ])
    }

    static func parameter(_ use: ParameterUse) -> JSONValue {
        .object([
            ("name", .string(use.name)), ("value", .string(use.value)), ("from", .string(use.from.description)),
            ("source", use.source.map(JSONValue.string) ?? .null),
        ])
    }

    static func waiver(_ waiver: WaiverState) -> JSONValue {
        .object([
            ("approvedBy", .string(waiver.approvedBy)),
            ("reference", waiver.reference.map(JSONValue.string) ?? .null),
            ("reason", .string(waiver.reason)),
            ("expires", .string(waiver.expires.description)),
            ("expired", .bool(waiver.expired)),
            ("status", .string(waiver.outcome.rawValue)),
        ])
    }

    static func packs(_ report: AuditReport) -> JSONValue {
        .array(report.packs.map { pack in
            .object([("id", .string(pack.id)), ("version", .string(pack.version)), ("sha256", .string(pack.sha256))])
        })
    }

    /// Shipped packs replaced by `--rules` packs and rules disabled for the run (both lists empty when
    /// the shipped rules ran as they are).
    static func ruleChanges(_ report: AuditReport) -> JSONValue {
        let changes = report.ruleChanges
        return .object([
            ("replacedPacks", .array(changes.replacedPacks.map { replacement in
                .object([
                    ("id", .string(replacement.packId)),
                    ("shipped", .object([("version", .string(replacement.shippedVersion)), ("sha256", .string(replacement.shippedSHA256)),
                                         ("file", .string(replacement.shippedFile))])),
                    ("replacement", .object([("version", .string(replacement.version)), ("sha256", .string(replacement.sha256)),
                                             ("file", .string(replacement.file))])),
                    ("redefinedRules", .array(replacement.replacedRules.map(JSONValue.string))),
                    ("removedRules", .array(replacement.removedRules.map(JSONValue.string))),
                    ("addedRules", .array(replacement.addedRules.map(JSONValue.string))),
                ])
            })),
            ("disabledRules", .array(changes.disabledRules.map { rule in
                .object([("rule", .string(rule.id)), ("pack", .string(rule.packId)), ("shipped", .bool(rule.shipped))])
            })),
        ])
    }

    static func inputs(_ report: AuditReport) -> JSONValue {
        .array(of: report.inputs) { input in .object([("path", .string(PathBytes.shown(input.path))), ("sha256", .string(input.sha256))]) }
    }

    /// Every waiver loaded, whether it was in force on the as-of date, and how many findings it matched.
    static func waivers(_ report: AuditReport) -> JSONValue {
        .array(report.waivers.map { record in
            .object([
                ("rule", .string(record.rule)),
                ("subject", .string(record.subject)),
                ("approvedBy", .string(record.approvedBy)),
                ("reference", record.reference.map(JSONValue.string) ?? .null),
                ("reason", .string(record.reason)),
                ("expires", .string(record.expires.description)),
                ("status", .string(record.status.rawValue)),
                ("matched", .int(record.matched)),
                ("supersededBy", record.supersededBy.map(location) ?? .null),
                ("location", location(record.location)),
            ])
        })
    }

    /// The comparison with `--baseline`, or null when none was given.
    static func baseline(_ report: AuditReport) -> JSONValue {
        guard let baseline = report.baseline else { return .null }
        return .object([
            ("new", .int(baseline.newKeys.count)),
            ("worsened", .int(baseline.worsenedKeys.count)),
            ("updated", .int(baseline.updatedKeys.count)),
            ("persisting", .int(baseline.persistingKeys.count)),
            ("fixed", .array(baseline.fixed.map(baselineEntry))),
            ("removed", .array(baseline.removed.map(baselineEntry))),
        ])
    }

    private static func baselineEntry(_ entry: Baseline.Entry) -> JSONValue {
        .object([
            ("rule", .string(entry.rule)), ("subject", .string(entry.subject)), ("path", .string(entry.path)),
            ("file", entry.file.map(JSONValue.string) ?? .null), ("severity", .string(entry.severity)),
        ])
    }
}
