/// The kinds of input problems, each with its rule id in the reports (`LC-INPUT-UNIT`): an audit whose
/// inputs are invalid writes every report it was asked for, with these as its results
/// (docs/report-formats.md, "Input errors"). The ids are stable.
public enum DiagnosticKind: String, Sendable, Hashable, CaseIterable {
    /// A path that does not exist or cannot be read, or no YAML file found.
    case file
    /// YAML syntax, encoding, duplicate keys, tags, aliases, size limits.
    case yaml
    /// The document schema: kinds, fields, types, required fields, values, and document constraints
    /// (`min` ≤ `max`, funding shares adding up to 100%).
    case schema
    /// Amounts, percentages, rates, durations, dates and provinces that cannot be read.
    case unit
    /// Duplicate ids, references to documents that are not loaded, waivers of unknown rules or subjects.
    case reference
    /// Loan tapes and their `LedgerSchema` documents: files, columns, cells, loans, fundings.
    case tape
    /// Rule packs and rules directories, and an audit in which no rule is in force.
    case rules
    /// The `--baseline` file.
    case baseline

    /// `LC-INPUT-SCHEMA`.
    public var ruleId: String { "LC-INPUT-" + rawValue.uppercased() }

    /// What the rule checks, for SARIF rule descriptions and report headings.
    public var title: String {
        switch self {
        case .file: "Input files can be found and read"
        case .yaml: "Input files are valid YAML"
        case .schema: "Documents follow the document schema"
        case .unit: "Amounts, rates, durations, dates and provinces can be read"
        case .reference: "Ids are unique and references name loaded documents"
        case .tape: "Loan tapes can be read"
        case .rules: "Rule packs load and a rule is in force"
        case .baseline: "The baseline file can be read"
        }
    }
}
