#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
import Compliance
import Diagnostics
import LedgerPlan

/// `--failures-out DIR`: every failing key of every ledger rule, uncapped, one CSV per rule
/// (`DIR/RULE-ID.csv`), in key order — written the same by every engine.
public enum FailuresFile {
    /// A failing loan: its row's file and line.
    public struct Loan: Sendable {
        public let loanId: String
        public let lender: String
        public let status: LedgerStatus
        public let file: String
        public let line: Int

        public init(loanId: String, lender: String, status: LedgerStatus, file: String, line: Int) {
            self.loanId = loanId
            self.lender = lender
            self.status = status
            self.file = file
            self.line = line
        }
    }

    public enum Failures: Sendable {
        case loans([Loan])
        case groups([GroupSnapshot])
    }

    /// Writes one file per rule of `request` (a rule without failures gets its header only).
    public static func write(_ failures: [String: Failures], request: LedgerRequest, directory: String) throws(DiagnosticList) {
        if mkdir(directory, 0o755) != 0, errno != EEXIST {
            throw DiagnosticList([.error("cannot create --failures-out directory '\(directory)': \(String(cString: strerror(errno)))",
                                         at: nil)])
        }
        for entry in request.rules {
            var text: String
            switch entry.plan {
            case .loan:
                text = "rule,severity,status,loan_id,lender,file,line\n"
                guard case .loans(var loans)? = failures[entry.rule.id] else { break }
                loans.sort { Array($0.loanId.utf8).lexicographicallyPrecedes(Array($1.loanId.utf8)) }
                for loan in loans {
                    let (severity, status) = describe(loan.status)
                    text += [entry.rule.id, severity, status, loan.loanId, loan.lender, loan.file, String(loan.line)]
                        .map(field).joined(separator: ",") + "\n"
                }
            case .group(let plan):
                text = (["rule", "severity", "status", "key"] + plan.keys.map(\.name) + ["actual", "bound", "loans"])
                    .joined(separator: ",") + "\n"
                guard case .groups(var groups)? = failures[entry.rule.id] else { break }
                groups.sort { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
                for group in groups {
                    let (severity, status) = describe(group.status)
                    let fields = [entry.rule.id, severity, status, group.key] + group.parts.map(\.value)
                        + [group.actual.description, group.bound?.description ?? "", String(group.count)]
                    text += fields.map(field).joined(separator: ",") + "\n"
                }
            }
            let path = directory + "/" + entry.rule.id + ".csv"
            guard write(text, to: path) else {
                throw DiagnosticList([.error("cannot write '\(path)': \(String(cString: strerror(errno)))", at: nil)])
            }
        }
    }

    private static func describe(_ status: LedgerStatus) -> (String, String) {
        switch status {
        case .violation(let severity): (severity.rawValue, "violation")
        case .cannotEvaluate(let severity, _): (severity.rawValue, "cannot-evaluate")
        }
    }

    /// An RFC 4180 field: quoted when it holds a comma, a quote or a line break.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    private static func write(_ text: String, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        var text = text
        let written = text.withUTF8 { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let count = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                #else
                let count = Darwin.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                #endif
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        return close(descriptor) == 0 && written
    }
}
