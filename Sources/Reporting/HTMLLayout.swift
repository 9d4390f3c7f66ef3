import Compliance

/// How much of an audit the HTML report spells out. A small audit shows every subject with its own
/// section and the full outcome matrices. Past `compactAbove` subjects (a platform with 10,000
/// products), the page would run to tens of megabytes of clean products: the findings section then
/// gives a section only to subjects with findings (an institution also when one of its products has
/// some) and counts the others, which the scope section lists in collapsed tables; the matrices draw
/// only the subjects whose checks have a finding, a waiver or a check that cannot be evaluated, at most `matrixRowLimit` of them.
struct HTMLLayout {
    /// Above this many institutions and products together, the report is compact.
    static let compactAbove = 200
    /// Lists of at most this many rows are open; longer ones are collapsed (`<details>`).
    static let openListUpTo = 50
    /// The most subjects a compact matrix draws.
    static let matrixRowLimit = 100

    let digest: ReportDigest
    let compact: Bool
    /// Institutions with a section of their own in a compact report.
    private let institutionsShown: Set<String>

    init(digest: ReportDigest) {
        self.digest = digest
        compact = digest.institutions.count + digest.products.count > Self.compactAbove
        var shown: Set<String> = []
        if compact {
            for group in digest.groups {
                guard let institution = group.institution else { continue }
                if !digest.findings(of: institution).isEmpty || group.products.contains(where: { !digest.findings(of: $0).isEmpty }) {
                    shown.insert(institution.id)
                }
            }
        }
        institutionsShown = shown
    }

    /// Whether `subject` has a section in the findings (a link to it then has a target).
    func hasSection(_ subject: AuditReport.SubjectSummary) -> Bool {
        guard compact else { return true }
        if subject.kind == "Institution" { return institutionsShown.contains(subject.id) }
        return !digest.findings(of: subject).isEmpty
    }

    /// Whether a list of `count` rows is shown open.
    static func isOpen(_ count: Int) -> Bool { count <= openListUpTo }

    /// The subjects a matrix draws: every one, or in a compact report those with a notable check.
    func matrixSubjects(kind: String, _ subjects: [AuditReport.SubjectSummary]) -> [AuditReport.SubjectSummary] {
        guard compact else { return subjects }
        let notable = subjects.filter { subject in
            (digest.checksBySubject[ReportDigest.reference(subject)] ?? []).contains { CheckCellState($0).isNotable }
        }
        return Array(notable.prefix(Self.matrixRowLimit))
    }
}

extension CheckCellState {
    /// A state a compact matrix draws: a finding (waived or not) or a check that cannot be evaluated.
    var isNotable: Bool { [.failed, .warning, .waived, .cannotEvaluate].contains(self) }
}
