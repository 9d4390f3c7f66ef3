/// Where an exact IRR iteration starts: Newton's method on `g(v) = Σ c_t v^t` in binary floating point.
///
/// Shared by the `Decimal` solver (`IrrSolver`) and the scaled-integer one (`ScaledAprCalculator`). The
/// seed is typically within 1e-15 of the root, so one or two exact steps reach the tolerance; it only
/// chooses the starting point, the rate itself is always solved and checked in exact arithmetic.
enum FloatingPointSeed {
    /// The discount factor `v` where `g` vanishes, starting from `v = 1`; nil when the iteration fails
    /// (a non-positive slope, a non-finite or non-positive iterate, no convergence in 60 steps).
    static func discountFactor(coefficients: [Double]) -> Double? {
        var factor = 1.0
        for _ in 0..<60 {
            var value = 0.0
            var slope = 0.0
            for coefficient in coefficients.reversed() {
                slope = slope * factor + value
                value = value * factor + coefficient
            }
            guard slope > 0, value.isFinite else { return nil }
            let next = factor - value / slope
            guard next.isFinite, next > 0 else { return nil }
            if abs(next - factor) <= 1e-15 * max(1, next) { return next }
            factor = next
        }
        return nil
    }
}
