import LoanCheckTestSupport

extension LoanCheckBinary.Output {
    /// The `error:` lines of standard error (diagnostic headers, without hints and notes).
    var errorLines: [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.contains("error: ") && !$0.hasPrefix(" ") }
    }
}
