import Diagnostics
import LoanDomain
import Reporting

/// The outputs of one audit — its reports and the baseline it writes — checked before anything is
/// written (no two on one file, none onto a file the run reads) and then written all or nothing.
struct AuditOutputs {
    struct Output {
        /// How the user named it: `--output 'r.sarif'`, `--write-baseline 'b.json'`, `standard output`.
        let label: String
        /// The report's format; nil for the baseline.
        let format: ReportFormat?
        let destination: OutputDestination
    }

    let outputs: [Output]

    /// Resolves every destination; a usage error (exit 2) for a directory or for two outputs on one file.
    init(reports: [(format: ReportFormat, path: String?)], baseline: String?) throws {
        var outputs: [Output] = []
        for report in reports {
            guard let path = report.path else {
                outputs.append(Output(label: "standard output", format: report.format, destination: .standardOutput))
                continue
            }
            outputs.append(Output(label: "--output '\(path)'", format: report.format, destination: try OutputDestination(path: path)))
        }
        if let baseline {
            outputs.append(Output(label: "--write-baseline '\(baseline)'", format: nil, destination: try OutputDestination(path: baseline)))
        }
        self.outputs = outputs
        try refuseSharedFiles()
    }

    /// Two outputs on one file: the second would overwrite the first (or interleave with it).
    private func refuseSharedFiles() throws {
        var problems: [Diagnostic] = []
        var seen: [FileIdentity: Output] = [:]
        for output in outputs {
            guard let identity = output.destination.identity else { continue }
            guard let first = seen[identity] else {
                seen[identity] = output
                continue
            }
            let message = switch (first.destination, output.destination) {
            case (.standardOutput, _): "\(output.label) is where standard output goes, and standard output receives another report"
            case (_, .standardOutput): "\(first.label) is where standard output goes, and standard output receives another report"
            default: "\(output.label) is the same file as \(first.label)"
            }
            problems.append(.error(message, at: nil, hint: "give each output its own file"))
        }
        try CommandSupport.refuse(problems)
    }

    /// A usage error (exit 2) when an output would overwrite an audited input, a file of the rules
    /// directories (shipped or `--rules`) or the `--baseline` file, compared by device and inode.
    func refuseOverwriting(inputs: [String], rulesDirectories: [String], baseline: String?) throws {
        // Only a file that exists can be one of them; most runs write new files and stat nothing more.
        var existing: [FileIdentity: Output] = [:]
        for output in outputs where output.destination != .standardOutput {
            if let identity = output.destination.identity, case .inode = identity { existing[identity] = output }
        }
        guard !existing.isEmpty else { return }
        let rulesFiles = InputDiscovery().discover([RulesDirectory.locate()].compactMap { $0 } + rulesDirectories).files
        var protected = inputs.map { (path: $0, role: Role.input) } + rulesFiles.map { (path: $0, role: Role.rules) }
        if let baseline { protected.append((baseline, .baseline)) }
        // One `stat` per input: on all cores, as an audit of 100,000 files spent a fifth of a second here.
        let identities = protected.map(\.path).concurrentMap { FileIdentity(path: $0) }
        var problems: [Diagnostic] = []
        for (file, identity) in zip(protected, identities) {
            guard let output = existing[identity] else { continue }
            problems.append(.error("\(output.label) would overwrite \(file.role.name) '\(file.path)'", at: nil, hint: file.role.hint))
        }
        try CommandSupport.refuse(problems)
    }

    private enum Role {
        case input, rules, baseline

        var name: String {
            switch self {
            case .input: "the audited input"
            case .rules: "the rules file"
            case .baseline: "the --baseline file"
            }
        }

        var hint: String {
            switch self {
            case .input, .rules: "write reports and baselines to files that are not read by the audit"
            case .baseline: "write the new baseline to another file, and replace the old one once it is reviewed"
            }
        }
    }

    /// Renders and writes every output. Regular files are staged first and the rest (standard output,
    /// devices, FIFOs) written next, so that a failure on any of them replaces no file. Without
    /// `baseline` (a run whose inputs are invalid) the baseline output is not written.
    func write(report: (ReportFormat, _ toStandardOutput: Bool) -> String, baseline: (() throws -> String)?) throws {
        try write(content: { format, toStandardOutput in .text(report(format, toStandardOutput)) }, baseline: baseline)
    }

    /// As `write(report:baseline:)`, for a report that may be rendered as UTF-8 bytes.
    func write(content report: (ReportFormat, _ toStandardOutput: Bool) -> OutputContent, baseline: (() throws -> String)?) throws {
        try OutputTransaction.perform { transaction in
            for output in outputs.filter(\.destination.isReplaced) + outputs.filter({ !$0.destination.isReplaced }) {
                // Rendered one at a time: a report of 100,000 products is tens of megabytes.
                let text: OutputContent
                if let format = output.format {
                    text = report(format, output.destination == .standardOutput)
                } else if let baseline {
                    text = .text(try baseline())
                } else {
                    continue
                }
                try transaction.write(text, to: output.destination)
            }
        }
    }
}
