import FoundationEssentials
import Testing
@testable import LoanDomain

/// Choosing the reference loan's principal (DESIGN §3).
@Suite("APR reference principal")
struct APRReferencePrincipalTests {
    private let fixedFee = AprFee(kind: "service", charge: .oneOffAmount(50, collected: .upfrontDeduction))

    @Test("no fixed-amount fee: 10,000, clamped into the credit line")
    func standardPrincipal() {
        let percentFee = AprFee(kind: "service", charge: .oneOffPercent(num("0.02"), collected: .upfrontDeduction))
        #expect(AprCalculator.referencePrincipal(creditLineMin: 500, creditLineMax: 200_000, fees: [percentFee]) == 10000)
        #expect(AprCalculator.referencePrincipal(creditLineMin: 500, creditLineMax: 5000, fees: []) == 5000)
        #expect(AprCalculator.referencePrincipal(creditLineMin: 20000, creditLineMax: 50000, fees: []) == 20000)
    }

    @Test("a fixed-amount fee makes the minimum credit line the worst case")
    func fixedFeeChoosesMinimum() throws {
        #expect(AprCalculator.referencePrincipal(creditLineMin: 500, creditLineMax: 200_000, fees: [fixedFee]) == 500)
        let zeroFee = AprFee(kind: "service", charge: .oneOffAmount(0, collected: .upfrontDeduction))
        #expect(AprCalculator.referencePrincipal(creditLineMin: 500, creditLineMax: 200_000, fees: [zeroFee]) == 10000)
    }

    @Test("50 yuan on 500 costs far more than on 10,000")
    func fixedFeeWeighsOnSmallLoans() throws {
        let principal = AprCalculator.referencePrincipal(creditLineMin: 500, creditLineMax: 200_000, fees: [fixedFee])
        let small = try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day, fees: [fixedFee],
                                                            principal: "\(principal)"))
        let standard = try AprCalculator.compute(referenceLoan(rate: "0.0005", per: .day, fees: [fixedFee]))
        #expect(percent(small.nominalApr, 6) == "39.062967")
        #expect(percent(small.effectiveAnnualRate, 6) == "46.874220")
        #expect(percent(standard.nominalApr, 6) == "19.217294")
        #expect(small.nominalApr > standard.nominalApr)
    }
}
