import Diagnostics

/// The per-stream size limits checked on libyaml's events before they are built into documents: the
/// length of each scalar and the number of documents (`YAMLLimits`). Nesting, aliases and the node
/// count are checked by `DocumentBuilder`, and the file size before the file is read (`FileBytes`).
struct StreamBounds {
    let file: String
    let limits: YAMLLimits
    private var documents = 0

    init(file: String, limits: YAMLLimits) {
        self.file = file
        self.limits = limits
    }

    /// Throws at the first scalar longer than `maxScalarBytes`, and at the start of the document past
    /// `maxDocuments`.
    mutating func check(_ event: Event, positions: SourcePositions) throws(Diagnostic) {
        switch event.kind {
        case .documentStart:
            documents += 1
            guard documents > limits.maxDocuments else { return }
            throw Diagnostic.error(
                "the file holds more than \(limits.maxDocuments) documents", at: location(event, positions),
                hint: "split it into several files, or raise the limit with LOANCHECK_MAX_DOCUMENTS=<count>")
        case .scalar(let scalar, _):
            let length = scalar.text.utf8.count
            guard length > limits.maxScalarBytes else { return }
            throw Diagnostic.error(
                "a value of \(length) bytes is over the limit of \(limits.maxScalarBytes) bytes for one value",
                at: location(event, positions),
                hint: "names, reasons and descriptions need a few thousand characters at most; look for a runaway value, "
                    + "or raise the limit with LOANCHECK_MAX_SCALAR_BYTES=<bytes>")
        default:
            return
        }
    }

    private func location(_ event: Event, _ positions: SourcePositions) -> SourceLocation {
        let mark = positions.mark(event.start)
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }
}
