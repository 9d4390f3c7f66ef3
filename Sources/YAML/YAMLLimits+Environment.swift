import Diagnostics

extension YAMLLimits {
    /// An environment variable that overrides one limit.
    public struct Override: Sendable {
        /// e.g. `LOANCHECK_MAX_FILE_BYTES`.
        public let variable: String
        /// What the number counts, for messages ("bytes", "documents").
        public let unit: String
        let limit: WritableKeyPath<YAMLLimits, Int> & Sendable
    }

    /// The limits that can be raised (or lowered) from the environment, and their variables.
    public static var overrides: [Override] {
        [Override(variable: "LOANCHECK_MAX_FILE_BYTES", unit: "bytes", limit: \.maxFileBytes),
         Override(variable: "LOANCHECK_MAX_SCALAR_BYTES", unit: "bytes", limit: \.maxScalarBytes),
         Override(variable: "LOANCHECK_MAX_DOCUMENTS", unit: "documents", limit: \.maxDocuments),
         Override(variable: "LOANCHECK_MAX_NODES", unit: "values", limit: \.maxNodes)]
    }

    /// The limits of `base` with every override set in `environment` applied.
    ///
    /// - Throws: one error per variable that is set but is not a whole number above 0 (an empty value
    ///   included: a limit is never dropped silently).
    public init(environment: [String: String], base: YAMLLimits = .default) throws(DiagnosticList) {
        var limits = base
        var problems: [Diagnostic] = []
        for override in Self.overrides {
            guard let text = environment[override.variable] else { continue }
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let value = Int(text), value > 0 else {
                problems.append(.error(
                    "\(override.variable) must be a whole number of \(override.unit) above 0, found '\(text)'", at: nil,
                    hint: "write the number in digits only (no unit, no separators), or unset it for the default of \(base[keyPath: override.limit])"))
                continue
            }
            limits[keyPath: override.limit] = value
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        self = limits
    }
}
