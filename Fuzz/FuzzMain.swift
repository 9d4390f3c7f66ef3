// libFuzzer entry points for loancheck, compiled with `-sanitize=fuzzer -parse-as-library` by
// scripts/fuzz.sh together with Tests/RobustnessTests/FuzzHarness.swift (the harness the regression
// tests replay). libFuzzer provides `main`. One binary serves every target: `LOANCHECK_FUZZ_TARGET`
// (yaml | expression | units | documents) picks the harness function the inputs go to.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

nonisolated(unsafe) private var selectedTarget = FuzzHarness.Target.yaml

private func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutableRawPointer) -> CInt {
    let name = getenv("LOANCHECK_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzHarness.Target(rawValue: name) else {
        let names = FuzzHarness.Target.allCases.map(\.rawValue).joined(separator: ", ")
        printError("set LOANCHECK_FUZZ_TARGET to one of: \(names) (got '\(name)')")
        exit(2)
    }
    selectedTarget = target
    // Load the shipped rules and the examples before the first input, so a broken checkout is
    // reported here rather than as a crash on every input.
    if target == .expression || target == .documents {
        do {
            _ = try FuzzHarness.Context.shared()
        } catch {
            printError("cannot set up the \(name) target: \(error)")
            exit(2)
        }
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try FuzzHarness.run(selectedTarget, bytes)
    } catch {
        // A broken invariant is a finding: crash so libFuzzer saves the input.
        fatalError("robustness invariant broken (\(selectedTarget.rawValue)): \(error)")
    }
    return 0
}
