import Compliance
import Diagnostics
import LedgerPlan
import LedgerTape
import LoanDomain
import RuleLanguage

/// Everything a ledger engine needs for one audit: the tapes, the ledger rules with their packs, the
/// loaded documents (institutions and products the rows name), the as-of date and the report limits.
public struct LedgerRequest: Sendable {
    /// A ledger rule and the pack it belongs to.
    public struct RuleEntry: Sendable {
        public let pack: RulePack
        public let rule: Rule
        public let plan: LedgerRulePlan

        public init?(pack: RulePack, rule: Rule) {
            guard let ledger = rule.ledger else { return nil }
            self.pack = pack
            self.rule = rule
            plan = ledger.plan
        }
    }

    public let schemas: [LedgerSchema]
    public let rules: [RuleEntry]
    public let documents: DocumentSet
    public let asOf: CivilDate
    /// At most this many findings per rule are listed (0: all); totals are always complete.
    public let maxFindingsPerRule: Int
    /// The subject keys waivers name, per rule: their failures are always listed (never capped), and
    /// a waiver naming a key the tape does not have is an error.
    public let waivedKeys: [String: Set<String>]
    /// Where every failing key is written, uncapped, as one CSV per rule (`--failures-out`).
    public let failuresDirectory: String?

    public init(schemas: [LedgerSchema], rules: [RuleEntry], documents: DocumentSet, asOf: CivilDate,
                maxFindingsPerRule: Int, waivedKeys: [String: Set<String>], failuresDirectory: String?) {
        self.schemas = schemas
        self.rules = rules
        self.documents = documents
        self.asOf = asOf
        self.maxFindingsPerRule = maxFindingsPerRule
        self.waivedKeys = waivedKeys
        self.failuresDirectory = failuresDirectory
    }

    /// The institutions, in a fixed order: their index is the code rows carry.
    public var institutions: [LoadedDocument] { documents.institutions }
    public var products: [LoadedDocument] { documents.products }
}

/// A ledger engine: reads the tapes of a request and returns every rule's outcome.
public protocol LedgerEngine: Sendable {
    /// The engine's name in reports and errors (`stream`, `duckdb`, …).
    var name: String { get }
    func run(_ request: LedgerRequest) throws(LedgerError) -> LedgerRun
}

/// Why a ledger audit stopped (exit 2): every problem found, and the tape lines they quote.
public struct LedgerError: Error, Sendable {
    public let diagnostics: [Diagnostic]
    public let sources: SourceTexts

    public init(_ diagnostics: [Diagnostic], sources: SourceTexts = SourceTexts()) {
        self.diagnostics = diagnostics
        self.sources = sources
    }

    public init(_ list: DiagnosticList) { self.init(list.diagnostics) }
}
