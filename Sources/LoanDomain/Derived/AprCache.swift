import Synchronization

/// Remembers APR results by input for one load: the APR is a pure function of the reference loan, and a
/// product repository repeats the same pricing (rate, term, repayment, fees, credit line) across many
/// products, so each distinct pricing is solved once.
final class AprCache: Sendable {
    private let results = Mutex<[AprInput: Result<AprResult, AprError>]>([:])

    func result(for input: AprInput) throws(AprError) -> AprResult {
        if let cached = results.withLock({ $0[input] }) { return try cached.get() }
        let computed: Result<AprResult, AprError>
        do {
            computed = .success(try AprCalculator.compute(input))
        } catch {
            computed = .failure(error)
        }
        results.withLock { $0[input] = computed }
        return try computed.get()
    }
}
