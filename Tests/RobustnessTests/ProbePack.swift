/// A small rule pack written at test time into a `--rules` directory. Its id (`robustness-probe`) and
/// rule ids (`ROBUST-…`) differ from the shipped ones, so it is added next to them.
enum ProbePack {
    static func text(id: String = "robustness-probe", parameters: String = "", rules: [String]) -> String {
        """
        kind: RulePack
        id: \(id)
        version: "1"
        status: in-force
        title: {zh: 健壮性探针, en: Robustness probe}
        authority: {zh: 测试, en: Test}
        instrument: TEST-1
        \(parameters.isEmpty ? "" : "parameters:\n" + parameters)
        rules:
        \(rules.joined())
        """
    }

    /// One rule; `require` is written as a plain scalar on the `require:` line.
    static func rule(
        id: String, subject: String = "LoanProduct", appliesTo: String? = nil, require: String, extra: String = ""
    ) -> String {
        """
          - id: \(id)
            title: {zh: 探针, en: Probe}
            subject: \(subject)
        \(appliesTo.map { "    applies_to: \($0)\n" } ?? "")    require: \(require)
            severity: error
            effective: 2020-01-01
            citation: {regulation: {zh: 测试, en: Test}, article: "1", verified: false}
            message: {zh: "{actual}", en: "{actual}, required {required}"}
        \(extra)
        """
    }

    /// The all-in APR at most 24%.
    static let aprRule = rule(id: "ROBUST-APR", require: "product.apr.nominal <= 24%")
}
