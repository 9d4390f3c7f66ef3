import FoundationEssentials

/// Solves `Σ c_t / (1 + r)^t = 0` for the periodic internal rate of return `r`, in Decimal arithmetic.
///
/// The unknown is the discount factor `v = 1 / (1 + r)`, so the net present value is the polynomial
/// `g(v) = Σ c_t v^t`, evaluated with Horner's rule (no powers, no division, cannot underflow-trap).
/// With exactly one sign change in the flows, Descartes' rule gives exactly one positive root, hence one
/// IRR above −100%. After normalising the flows so the early ones are negative, `g < 0` below the root and
/// `g > 0` above it, which gives a bracket. A loan's `g` is convex, so Newton's method from the right end
/// of the bracket converges quadratically; any step that leaves the bracket or fails to halve `|g|` is
/// replaced by bisection, so the solver always terminates. The tolerance is 1e-30 in `v`, far below the
/// required 1e-10 per period.
enum IrrSolver {
    /// Convergence tolerance on the discount factor (relative for `v > 1`).
    static let tolerance = Decimal(sign: .plus, exponent: -30, significand: 1)
    /// Bisection alone needs about 130 halvings from the widest bracket to the tolerance.
    static let maximumIterations = 400
    /// Smallest discount factor searched: an IRR of about 1e9 per period.
    static let minimumDiscountFactor = Decimal(sign: .plus, exponent: -9, significand: 1)
    /// Largest discount factor searched: an IRR of about −100% + 1e-9 per period.
    static let maximumDiscountFactor = Decimal(sign: .plus, exponent: 9, significand: 1)

    /// The periodic IRR of `cashFlows` (index = period; either sign convention).
    static func periodicRate(of cashFlows: [Decimal]) throws(AprError) -> Decimal {
        guard cashFlows.count >= 2 else { throw .notEnoughCashFlows(cashFlows.count) }
        if cashFlows.contains(where: { $0.isNaN }) { throw .arithmeticOverflow("the cash flows") }
        let nonZero = cashFlows.filter { $0 != 0 }
        let signChanges = zip(nonZero, nonZero.dropFirst()).filter { ($0 < 0) != ($1 < 0) }.count
        guard signChanges == 1, let first = nonZero.first else { throw .cashFlowsNeedOneSignChange(found: signChanges) }
        let flows = first < 0 ? cashFlows : cashFlows.map { -$0 }

        let atOne = try evaluate(flows, at: 1).value
        if atOne == 0 { return 0 }
        var low: Decimal
        var high: Decimal
        if atOne > 0 {
            low = minimumDiscountFactor
            high = 1
            guard try evaluate(flows, at: low).value < 0 else { throw .irrOutOfRange }
        } else {
            // A negative IRR: repayments worth less than the money received.
            low = 1
            high = 2
            while try evaluate(flows, at: high).value <= 0 {
                low = high
                high = high * 2
                guard high <= maximumDiscountFactor else { throw .irrOutOfRange }
            }
        }

        // Start Newton's method next to the root when a floating-point solve finds it inside the bracket;
        // the exact iterations below still decide the result and its tolerance.
        var factor = high
        if let seed = seed(flows), seed > low, seed < high { factor = seed }
        var previousMagnitude: Decimal?
        for _ in 0..<maximumIterations {
            let (value, slope) = try evaluate(flows, at: factor)
            if value == 0 { return try rate(from: factor) }
            if value < 0 { low = factor } else { high = factor }
            let scale = max(1, factor)
            if high - low <= DecimalMath.multiply(tolerance, scale) { return try rate(from: (low + high) / 2) }

            var next = (low + high) / 2
            if slope > 0, let step = DecimalMath.divide(value, slope) {
                // A Newton step below the tolerance means `factor` is the root to within it. This must be
                // checked before the halving test: at convergence |g| sits at Decimal's rounding noise and
                // stops halving, and falling back to bisection then would restart from the far end of a
                // bracket that Newton never narrows from below (≈100 extra evaluations per loan).
                if step.magnitude <= DecimalMath.multiply(tolerance, scale) { return try rate(from: factor - step) }
                let shrinking = previousMagnitude.map { value.magnitude <= $0 / 2 } ?? true
                let candidate = factor - step
                if shrinking, candidate > low, candidate < high { next = candidate }
            }
            previousMagnitude = value.magnitude
            if (next - factor).magnitude <= DecimalMath.multiply(tolerance, scale) { return try rate(from: next) }
            factor = next
        }
        throw .noConvergence(iterations: maximumIterations)
    }

    /// A starting discount factor: Newton's method on the same polynomial in binary floating point.
    ///
    /// This only chooses where the exact iteration starts (typically within 1e-15 of the root, so two or
    /// three exact Decimal steps reach the 1e-30 tolerance instead of six to nine from `v = 1`). The rate
    /// itself is always solved and checked in Decimal arithmetic; nil when the floating-point solve fails.
    static func seed(_ flows: [Decimal]) -> Decimal? {
        var coefficients: [Double] = []
        coefficients.reserveCapacity(flows.count)
        for flow in flows {
            guard let value = Double(flow.description), value.isFinite else { return nil }
            coefficients.append(value)
        }
        return FloatingPointSeed.discountFactor(coefficients: coefficients).map { Decimal($0) }
    }

    /// `g(v)` and `g'(v)` by Horner's rule.
    private static func evaluate(_ flows: [Decimal], at factor: Decimal) throws(AprError) -> (value: Decimal, slope: Decimal) {
        var value: Decimal = 0
        var slope: Decimal = 0
        for flow in flows.reversed() {
            slope = DecimalMath.multiply(slope, factor) + value
            value = DecimalMath.multiply(value, factor) + flow
        }
        if value.isNaN || slope.isNaN { throw .irrOutOfRange }
        return (value, slope)
    }

    private static func rate(from factor: Decimal) throws(AprError) -> Decimal {
        guard let inverse = DecimalMath.divide(1, factor) else { throw .irrOutOfRange }
        return inverse - 1
    }
}
