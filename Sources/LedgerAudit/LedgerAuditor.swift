import Compliance
import Diagnostics
import LedgerPlan
import LedgerTape
import LoanDomain
import RuleLanguage

/// Runs the ledger side of an audit: reads the LedgerSchema documents that were loaded, runs the ledger
/// rules of the rule set through an engine, and returns their findings and totals for the report.
public struct LedgerAuditor: Sendable {
    public let rules: RuleSet
    public let engine: any LedgerEngine

    public init(rules: RuleSet, engine: any LedgerEngine) {
        self.rules = rules
        self.engine = engine
    }

    /// Options a user sets on the command line.
    public struct Options: Sendable {
        public var maxFindingsPerRule: Int
        public var failuresDirectory: String?

        public init(maxFindingsPerRule: Int = 1000, failuresDirectory: String? = nil) {
            self.maxFindingsPerRule = maxFindingsPerRule
            self.failuresDirectory = failuresDirectory
        }
    }

    /// The schemas of the loaded LedgerSchema documents, or every problem in them.
    public static func schemas(_ outcome: LoadOutcome, asOf: CivilDate) throws(LedgerError) -> [LedgerSchema] {
        var schemas: [LedgerSchema] = []
        var diagnostics: [Diagnostic] = []
        for node in outcome.ledgerSchemas {
            do {
                schemas.append(try LedgerSchemaReader.read(node, file: node.file))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        var ids: [String: LedgerSchema] = [:]
        for schema in schemas {
            if let first = ids[schema.id] {
                diagnostics.append(.error("duplicate LedgerSchema id '\(schema.id)'", at: schema.location,
                                          notes: [.init("first defined here", at: first.location)]))
            }
            ids[schema.id] = schema
            if schema.asOf > asOf {
                diagnostics.append(.error("the tape's as_of (\(schema.asOf)) is after the audit's as-of date (\(asOf))",
                                          at: schema.asOfLocation,
                                          hint: "balances cannot be known before their data date: audit as of \(schema.asOf) or later"))
            }
        }
        if let first = schemas.first, let other = schemas.first(where: { $0.asOf != first.asOf }) {
            diagnostics.append(.error("LedgerSchema '\(other.id)' has as_of \(other.asOf), '\(first.id)' has \(first.asOf)",
                                      at: other.asOfLocation,
                                      hint: "tapes audited together hold balances of one data date"))
        }
        guard diagnostics.isEmpty else { throw LedgerError(diagnostics, sources: outcome.sources) }
        return schemas
    }

    /// The request an engine runs: the schemas, every ledger rule, the keys waivers name; nil when no
    /// LedgerSchema is loaded.
    public func request(_ outcome: LoadOutcome, asOf: CivilDate, options: Options) throws(LedgerError) -> LedgerRequest? {
        guard !outcome.ledgerSchemas.isEmpty else { return nil }
        let schemas = try Self.schemas(outcome, asOf: asOf)
        let entries = rules.packs.flatMap { pack in pack.rules.compactMap { LedgerRequest.RuleEntry(pack: pack, rule: $0) } }
        var waivedKeys: [String: Set<String>] = [:]
        for waiver in outcome.documents.waivers {
            guard case .string(let rule)? = waiver["rule"], case .string(let subject)? = waiver["subject"],
                  entries.contains(where: { $0.rule.id == rule }) else { continue }
            waivedKeys[rule, default: []].insert(subject)
        }
        return LedgerRequest(schemas: schemas, rules: entries, documents: outcome.documents, asOf: asOf,
                             maxFindingsPerRule: options.maxFindingsPerRule, waivedKeys: waivedKeys,
                             failuresDirectory: options.failuresDirectory)
    }

    /// The ledger findings and totals, or nil when no LedgerSchema is loaded.
    public func audit(_ outcome: LoadOutcome, asOf: CivilDate, options: Options) throws(LedgerError) -> LedgerResults? {
        guard let request = try request(outcome, asOf: asOf, options: options) else { return nil }
        let entries = request.rules
        let run = try engine.run(request)
        let findings = LedgerFindingBuilder(request: request).findings(run)
        var totals: [String: LedgerResults.RuleTotals] = [:]
        var seen: [String: Set<String>] = [:]
        for (entry, outcome) in zip(entries, run.outcomes) {
            totals[entry.rule.id] = LedgerResults.RuleTotals(checked: outcome.checked, violations: outcome.violations,
                                                             cannotEvaluate: outcome.cannotEvaluate, unlisted: outcome.unlisted)
            seen[entry.rule.id] = outcome.seenWaivedKeys
        }
        return LedgerResults(engine: engine.name, findings: findings, totals: totals, seenWaivedKeys: seen, inputs: run.inputs,
                             sources: run.sources, loans: run.loanCount, fundings: run.fundingCount,
                             maxFindingsPerRule: options.maxFindingsPerRule)
    }
}
