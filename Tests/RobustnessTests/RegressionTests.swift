import Foundation
import Testing

/// Every input a fuzzer ever crashed or hung on (kept under `Regressions/<target>/`), replayed through
/// the same harness the fuzzer runs: each must give a result or located errors (see `FuzzHarness`).
@Suite struct RegressionTests {
    static let directory = RobustnessPaths.repository + "/Tests/RobustnessTests/Regressions"

    /// The fuzzers' committed seed corpora: valid inputs must go through the harness too.
    static let seeds = RobustnessPaths.repository + "/Fuzz/corpus"

    static func inputs(_ target: FuzzHarness.Target, in directory: String = directory) -> [String] {
        let folder = directory + "/" + target.rawValue
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { folder + "/" + $0 }
    }

    @Test(.timeLimit(.minutes(2)), arguments: FuzzHarness.Target.allCases)
    func replay(_ target: FuzzHarness.Target) throws {
        try Self.replay(target, Self.inputs(target))
    }

    @Test(.timeLimit(.minutes(2)), arguments: FuzzHarness.Target.allCases)
    func seedCorpus(_ target: FuzzHarness.Target) throws {
        let inputs = Self.inputs(target, in: Self.seeds)
        #expect(!inputs.isEmpty, "no seeds in Fuzz/corpus/\(target.rawValue)")
        try Self.replay(target, inputs)
    }

    static func replay(_ target: FuzzHarness.Target, _ paths: [String]) throws {
        for path in paths {
            let bytes = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
            do {
                try FuzzHarness.run(target, [UInt8](bytes))
            } catch {
                Issue.record("\((path as NSString).lastPathComponent): \(error)")
            }
        }
    }
}
