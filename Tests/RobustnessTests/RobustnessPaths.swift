import LoanCheckTestSupport

enum RobustnessPaths {
    /// The checkout this file belongs to.
    static let repository = LoanCheckBinary.repository
}
