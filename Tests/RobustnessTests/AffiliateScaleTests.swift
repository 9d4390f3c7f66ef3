import Foundation
import Testing

/// Institution sets of the sizes a group audit meets, through the built binary: affiliate groups were
/// quadratic to cubic (a chain of 2,000 took two minutes, a star of 10,000 took 4 GB, 40,000 institutions
/// without affiliates 65 s). Each run must end well within its timeout with the right groups; the
/// timeouts are hang guards, nothing asserts a duration.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct AffiliateScaleTests {
    /// One institution document per id, `extra(index)` appended to each.
    private static func institutions(_ ids: [String], extra: (Int) -> String = { _ in "" }) -> String {
        ids.indices.map { index in
            "kind: Institution\nid: \(ids[index])\nname: n\ntype: platform\nregistered_in: CN-GD\n" + extra(index)
        }.joined(separator: "---\n")
    }

    @Test func aChainOfTwentyThousandIsOneGroup() throws {
        let scratch = try Scratch()
        // Each lists the next, written last first (the order of the defect report).
        let ids = (0..<20_000).reversed().map { "i" + String($0 + 100_000).dropFirst() }
        try scratch.write("chain.yaml", Self.institutions(ids) { index in index > 0 ? "affiliates: [\(ids[index - 1])]\n" : "" })
        let validate = try scratch.run(["validate", "chain.yaml"], timeout: 60)
        expectNoCrashOrHang(validate)
        #expect(validate.status == 0, "\(validate.summary)")
        #expect(validate.stdout == "validate: 1 file, 20000 Institution, 0 LoanProduct, 0 Waiver; no errors\n")
        let count = try scratch.run(["eval", "count(institution.group)", "--doc", "chain.yaml", "--id", "i12345"], timeout: 60)
        expectNoCrashOrHang(count)
        #expect(count.stdout == "20000 : integer\n", "\(count.summary)")
        expectBoundedMemory()
    }

    @Test func aStarOfTenThousandAroundOneHubIsOneGroup() throws {
        let scratch = try Scratch()
        try scratch.write("star.yaml", Self.institutions(["hub"] + (0..<10_000).map { "i\($0)" }) { index in
            index > 0 ? "affiliates: [hub]\n" : ""
        })
        let validate = try scratch.run(["validate", "star.yaml"], timeout: 60)
        expectNoCrashOrHang(validate)
        #expect(validate.status == 0, "\(validate.summary)")
        #expect(validate.stdout == "validate: 1 file, 10001 Institution, 0 LoanProduct, 0 Waiver; no errors\n")
        let count = try scratch.run(["eval", "count(institution.group)", "--doc", "star.yaml", "--id", "i7777"], timeout: 60)
        #expect(count.stdout == "10001 : integer\n", "\(count.summary)")
        // 4 GB before: every member held its own copy of the 10,001 ids.
        expectBoundedMemory()
    }

    @Test func fortyThousandInstitutionsWithoutAffiliatesAreEachTheirOwnGroup() throws {
        let scratch = try Scratch()
        try scratch.write("many.yaml", Self.institutions((0..<40_000).map { "i\($0)" }))
        let validate = try scratch.run(["validate", "many.yaml"], timeout: 60)
        expectNoCrashOrHang(validate)
        #expect(validate.status == 0, "\(validate.summary)")
        #expect(validate.stdout == "validate: 1 file, 40000 Institution, 0 LoanProduct, 0 Waiver; no errors\n")
        let group = try scratch.run(["eval", "institution.group", "--doc", "many.yaml", "--id", "i39999"], timeout: 60)
        #expect(group.stdout == "[i39999] : list of string\n", "\(group.summary)")
        expectBoundedMemory()
    }
}
