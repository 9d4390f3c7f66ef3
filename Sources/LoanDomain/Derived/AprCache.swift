import RuleLanguage
import Synchronization

/// Remembers APR results by input for one load: the APR is a pure function of the reference loan, and a
/// product repository repeats the same pricing (rate, term, repayment, fees, credit line) across many
/// products, so each distinct pricing is solved — and its rates converted to `ExactNumber` — once.
final class AprCache: Sendable {
    /// The three rates a product record carries, as exact numbers (nil: more than 38 digits).
    struct Rates: Sendable {
        let nominal: ExactNumber?
        let effective: ExactNumber?
        let simple: ExactNumber?
    }

    private let results = Mutex<[AprInput: Result<Rates, AprError>]>([:])

    func rates(for input: AprInput) throws(AprError) -> Rates {
        if let cached = results.withLock({ $0[input] }) { return try cached.get() }
        let computed: Result<Rates, AprError>
        do {
            // The APR code computes in scaled integers and `Decimal`; its rates are rounded to
            // `AprCalculator.reportedScale` places, so they convert exactly.
            let result = try AprCalculator.compute(input)
            let exact = result.exactRates
            computed = .success(Rates(nominal: exact?.nominal ?? ExactNumber(exactly: result.nominalApr),
                                      effective: exact?.effective ?? ExactNumber(exactly: result.effectiveAnnualRate),
                                      simple: exact?.simple ?? ExactNumber(exactly: result.simpleRate)))
        } catch {
            computed = .failure(error)
        }
        results.withLock { $0[input] = computed }
        return try computed.get()
    }
}
