import Compliance

/// How the reports for people show a borrower: never its id in full (DESIGN §8.1), but `borrower#`
/// and the first 8 hex digits of the SHA-256 of the id (`borrower#3f2a9c1e`). A borrower group's name
/// is shown the same way: it names the borrower's affiliates.
///
/// The hash is a display pseudonym, the same in every format and every run, so a reader can follow one
/// borrower across findings and reports; it is not anonymisation (a known id hashes to the same short
/// form). The text, Markdown, HTML, GitHub, JUnit and SARIF message texts go through this type; the JSON
/// report and SARIF `properties` keep the full key, because waivers, baselines and fingerprints match
/// on it.
///
/// What is masked, and where it comes from:
/// - a group's key parts marked `isBorrower` in its `LedgerDetail`;
/// - the subject id of a `LoanGroup` finding (its key parts joined by `/`) and that id wherever a
///   message or detail quotes it (`{subject}` in a rule's message template);
/// - a `LoanGroup` subject without a detail (a waiver's notice, a waiver record, a baseline entry):
///   the id of a listed group with the same key when there is one, else every part that is not an
///   audited institution's id — fail closed, as only borrower keys are not institutions;
/// - in a quoted tape row, every cell equal to a borrower key of the finding (its group's borrower
///   parts, or the loan's `LedgerDetail.borrower`).
struct BorrowerMask: Sendable {
    /// Ids of the audited institutions: a group key's other parts are institutions.
    private let institutions: Set<String>
    /// Raw group keys of listed findings → the key as shown, for subjects that have no detail.
    private let shownKeys: [String: String]

    init(report: AuditReport) {
        institutions = Set(report.subjects.lazy.filter { $0.kind == "Institution" }.map(\.id))
        var shown: [String: String] = [:]
        for finding in report.findings where finding.subject.kind == Self.groupKind {
            guard let detail = finding.ledger, !detail.key.isEmpty, shown[finding.subject.id] == nil else { continue }
            shown[finding.subject.id] = Self.joined(detail.key)
        }
        shownKeys = shown
    }

    static let groupKind = "LoanGroup"
    static let loanKind = "Loan"

    /// `borrower#` and the first 8 hex digits of the SHA-256 of `id` (its UTF-8 bytes).
    static func hash(_ id: String) -> String {
        "borrower#" + SHA256.hex(id).prefix(8)
    }

    /// A key part's value as shown.
    static func shown(_ part: LedgerDetail.KeyPart) -> String {
        part.isBorrower ? hash(part.value) : part.value
    }

    private static func joined(_ key: [LedgerDetail.KeyPart]) -> String {
        key.map(shown).joined(separator: "/")
    }

    /// A group key as shown when only its text is known: parts that are not institutions are hashed.
    private func shownKey(_ id: String) -> String {
        if let shown = shownKeys[id] { return shown }
        return id.split(separator: "/", omittingEmptySubsequences: false).map { part in
            institutions.contains(String(part)) ? String(part) : Self.hash(String(part))
        }.joined(separator: "/")
    }

    /// The id of a subject as shown to people: a `LoanGroup` key with its borrower parts hashed; any
    /// other id as it is.
    func id(of subject: SubjectReference, detail: LedgerDetail? = nil) -> String {
        guard subject.kind == Self.groupKind else { return subject.id }
        if let detail, !detail.key.isEmpty { return Self.joined(detail.key) }
        return shownKey(subject.id)
    }

    /// The id of a finding's subject as shown.
    func id(of finding: Finding) -> String { id(of: finding.subject, detail: finding.ledger) }

    /// `Kind id` as shown: `LoanGroup tenglian-oml/borrower#3f2a9c1e`.
    func subject(of finding: Finding) -> String { "\(finding.subject.kind) \(id(of: finding))" }

    /// A waiver's subject as shown: masked when its rule checks `LoanGroup`s.
    func waiverSubject(_ subject: String, rule: RuleSubject?) -> String {
        rule == .loanGroup ? shownKey(subject) : subject
    }

    /// A baseline entry's `Kind/id` as shown.
    func baselineSubject(_ subject: String) -> String {
        let prefix = Self.groupKind + "/"
        guard subject.hasPrefix(prefix) else { return subject }
        return prefix + shownKey(String(subject.dropFirst(prefix.count)))
    }

    /// A text of a finding (its message, its evidence's detail) with the subject's key, wherever it is
    /// quoted, replaced by the key as shown.
    func text(_ text: String, of finding: Finding) -> String {
        guard finding.subject.kind == Self.groupKind, !finding.subject.id.isEmpty else { return text }
        let shown = id(of: finding)
        guard shown != finding.subject.id else { return text }
        return text.replacing(finding.subject.id, with: shown)
    }

    /// The borrower keys a finding's quoted tape row may hold: its group's borrower parts, or its loan's
    /// borrower.
    func borrowers(of finding: Finding) -> [String] {
        guard let detail = finding.ledger else { return [] }
        return detail.key.filter(\.isBorrower).map(\.value) + (detail.borrower.map { [$0] } ?? [])
    }

    /// A CSV row (one physical line of a tape) with every cell whose value is one of `borrowers` replaced
    /// by its hash, and the 1-based `column` (in Unicode scalars) moved to the same character of the new
    /// row (to the start of a masked cell that held it). Quoted cells are compared unquoted.
    static func maskedRow(_ line: Substring, column: Int, borrowers: [String]) -> (text: String, column: Int) {
        let targets = Set(borrowers.filter { !$0.isEmpty })
        guard !targets.isEmpty else { return (String(line), column) }
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        var newColumn = column
        var start = 0
        while start <= scalars.count {
            var end = start
            var quoted = false
            var value = String.UnicodeScalarView()
            if end < scalars.count, scalars[end] == "\"" {
                quoted = true
                end += 1
                while end < scalars.count {
                    if scalars[end] == "\"" {
                        if end + 1 < scalars.count, scalars[end + 1] == "\"" {
                            value.append("\"")
                            end += 2
                            continue
                        }
                        end += 1
                        break
                    }
                    value.append(scalars[end])
                    end += 1
                }
            }
            while end < scalars.count, scalars[end] != "," {
                if !quoted { value.append(scalars[end]) }
                end += 1
            }
            let cell = scalars[start..<end]
            if targets.contains(String(value)) {
                let replacement = hash(String(value)).unicodeScalars
                // Columns are 1-based: the caret's character is at offset column - 1.
                let caret = column - 1
                if caret >= end {
                    newColumn += replacement.count - cell.count
                } else if caret >= start {
                    newColumn = out.count + 1
                }
                out.append(contentsOf: replacement)
            } else {
                out.append(contentsOf: cell)
            }
            if end < scalars.count { out.append(",") }
            start = end + 1
        }
        return (String(out), newColumn)
    }
}
