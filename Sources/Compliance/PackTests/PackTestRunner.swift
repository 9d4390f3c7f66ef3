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

/// Runs the test cases written in the packs: each case's documents are loaded, the rule is evaluated
/// at the case's as-of date, and the findings of that rule are compared with the expectation.
public struct PackTestRunner: Sendable {
    public let rules: RuleSet

    public init(rules: RuleSet) {
        self.rules = rules
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
        let findings = engine.evaluate(outcome.documents, asOf: testCase.asOf, onlyRules: [rule.id])
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
