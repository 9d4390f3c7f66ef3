import Compliance
import Diagnostics
import LedgerAudit
import LedgerTape
import RuleLanguage

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// `--failures-out DIR`: every failing key of every ledger rule, uncapped, one CSV per rule
/// (`DIR/RULE-ID.csv`), in key order (loan-id bytes; group key bytes) whatever the engine.
enum FailuresOut {
    static func write(
        failedLoans: [[FailedLoan]], failingGroups: [Int: [GroupSnapshot]], request: LedgerRequest, tapes: TapeSet,
        places: TapePlaces, institutionIndex: IdentifierIndex, directory: String
    ) throws(DiagnosticList) {
        if mkdir(directory, 0o755) != 0, errno != EEXIST {
            throw DiagnosticList([.error("cannot create --failures-out directory '\(directory)': \(String(cString: strerror(errno)))",
                                         at: nil)])
        }
        var ignored = SourceTexts()
        for (index, entry) in request.rules.enumerated() {
            var text: String
            switch entry.plan {
            case .loan:
                text = "rule,severity,status,loan_id,lender,file,line\n"
                let sorted = failedLoans[index].sorted { ListedLoans.precedes($0.loanId, $1.loanId, files: tapes.files) }
                for failure in sorted {
                    let location = places.location(failure.place, offset: failure.place.recordStart, sources: &ignored)
                    text += [entry.rule.id, failure.severity.rawValue, failure.cannotEvaluate ? "cannot-evaluate" : "violation",
                             failure.loanId.string(in: tapes.files), institutionIndex.ids[Int(failure.lender)], location.file,
                             String(location.line)].map(CSVText.field).joined(separator: ",") + "\n"
                }
            case .group(let plan):
                text = (["rule", "severity", "status", "key"] + plan.keys.map(\.name) + ["actual", "bound", "loans"])
                    .joined(separator: ",") + "\n"
                for group in failingGroups[index] ?? [] {
                    let (severity, status) = describe(group.status)
                    let fields = [entry.rule.id, severity, status, group.key] + group.parts.map(\.value)
                        + [group.actual.description, group.bound?.description ?? "", String(group.count)]
                    text += fields.map(CSVText.field).joined(separator: ",") + "\n"
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

    private static func write(_ text: String, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        var text = text
        let written = text.withUTF8 { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
        return close(descriptor) == 0 && written
    }
}

/// RFC 4180 fields: quoted when they hold a comma, a quote or a line break.
enum CSVText {
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
