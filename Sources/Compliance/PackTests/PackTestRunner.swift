import Diagnostics
import LoanDomain
import RuleLanguage

/// The result of one test case.
public struct PackTestResult: Sendable {
    public let rule: String
    public let packId: String
    public let caseName: String
    public let passed: Bool
    /// What went wrong (unexpected or missing findings, load errors).
    public let problems: [String]
    public let location: SourceLocation
}

/// A rule's coverage: every shipped rule needs at least one passing and one failing case.
public struct RuleCoverage: Sendable {
    public let rule: String
    public let packId: String
    public let passCases: Int
    public let failCases: Int

    public var isComplete: Bool { passCases > 0 && failCases > 0 }
}

/// Runs a ledger rule's test case: its documents, its tape, the rule and the as-of date in; the rule's
/// findings (uncapped) or the problems that stopped it out. Given by a module that has a ledger engine.
public typealias LedgerTestRunner = @Sendable (
    _ documents: LoadOutcome, _ tape: PackTestTape, _ pack: RulePack, _ rule: Rule, _ asOf: CivilDate
) -> Result<[Finding], PackTestProblems>

/// Why a ledger test case could not run (a tape error, an engine error).
public struct PackTestProblems: Error, Sendable {
    public let problems: [String]

    public init(_ problems: [String]) { self.problems = problems }
}

/// Runs the test cases written in the packs: each case's documents are loaded, the rule is evaluated
/// at the case's as-of date, and the findings of that rule are compared with the expectation.
public struct PackTestRunner: Sendable {
    public let rules: RuleSet
    /// Runs ledger rules' cases (their tapes); without it such a case fails.
    public let ledger: LedgerTestRunner?

    public init(rules: RuleSet, ledger: LedgerTestRunner? = nil) {
        self.rules = rules
        self.ledger = ledger
    }

    public func run(packIds: Set<String>? = nil) -> (results: [PackTestResult], coverage: [RuleCoverage]) {
        var results: [PackTestResult] = []
        var coverage: [RuleCoverage] = []
        let loader = DocumentLoader(schema: rules.schema)
        for pack in rules.packs where packIds == nil || packIds?.contains(pack.id) == true {
            let engine = AuditEngine(packs: [pack])
            for rule in pack.rules {
                var passCases = 0
                var failCases = 0
                for testCase in rule.tests {
                    if testCase.expectsViolation { failCases += 1 } else { passCases += 1 }
                    results.append(runCase(testCase, rule: rule, pack: pack, engine: engine, loader: loader))
                }
                coverage.append(RuleCoverage(rule: rule.id, packId: pack.id, passCases: passCases, failCases: failCases))
            }
        }
        return (results, coverage)
    }

    private func runCase(
        _ testCase: PackTestCase, rule: Rule, pack: RulePack, engine: AuditEngine, loader: DocumentLoader
    ) -> PackTestResult {
        let outcome = loader.load(streams: [ParsedStream(file: pack.file, documents: testCase.documents)])
        guard !outcome.hasErrors else {
            let problems = outcome.diagnostics.filter { $0.severity == .error }.map { "document error: \($0)" }
            return PackTestResult(rule: rule.id, packId: pack.id, caseName: testCase.name, passed: false, problems: problems,
                                  location: testCase.location)
        }
        let findings: [Finding]
        if rule.subject.isLedger {
            guard let tape = testCase.tape else {
                return PackTestResult(rule: rule.id, packId: pack.id, caseName: testCase.name, passed: false,
                                      problems: ["a \(rule.subject.rawValue) rule's case needs a `tape:` with its loans"],
                                      location: testCase.location)
            }
            guard let ledger else {
                return PackTestResult(rule: rule.id, packId: pack.id, caseName: testCase.name, passed: false,
                                      problems: ["no ledger engine to run the case's tape"], location: testCase.location)
            }
            switch ledger(outcome, tape, pack, rule, testCase.asOf) {
            case .success(let ledgerFindings): findings = ledgerFindings
            case .failure(let failure):
                return PackTestResult(rule: rule.id, packId: pack.id, caseName: testCase.name, passed: false,
                                      problems: failure.problems, location: testCase.location)
            }
        } else {
            findings = engine.evaluate(outcome.documents, asOf: testCase.asOf, onlyRules: [rule.id])
        }
        var problems: [String] = []
        switch testCase.expectation {
        case .pass:
            for finding in findings {
                problems.append("unexpected \(finding.severity.rawValue) at \(finding.path.isEmpty ? "(document)" : finding.path) of \(finding.subject.id): \(finding.message.en)")
            }
        case .findings(let expected):
            var remaining = findings
            for expectation in expected {
                if let index = remaining.firstIndex(where: expectation.matches) {
                    remaining.remove(at: index)
                } else {
                    problems.append("expected \(expectation.description), not found")
                }
            }
            for finding in remaining {
                problems.append("unexpected \(finding.severity.rawValue) at \(finding.path.isEmpty ? "(document)" : finding.path) of \(finding.subject.id): \(finding.message.en)")
            }
            if !problems.isEmpty {
                let actual = findings.map { "\($0.cannotEvaluate ? "cannot-evaluate" : $0.severity.rawValue) at \($0.path) of \($0.subject.id)" }
                problems.append("actual findings: " + (actual.isEmpty ? "none" : actual.joined(separator: "; ")))
            }
        }
        return PackTestResult(rule: rule.id, packId: pack.id, caseName: testCase.name, passed: problems.isEmpty,
                              problems: problems, location: testCase.location)
    }
}
