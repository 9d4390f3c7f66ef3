import ArgumentParser
import Compliance
import Diagnostics
import LoanDomain
import RuleLanguage

/// `loancheck eval EXPR [--doc FILE]`: evaluates a rule-language expression.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a rule-language expression; with --doc, against a product (`product`, `lender`) or an institution.",
        discussion: "Prints the value and its type, or a positioned error (exit 2). Example: loancheck eval '10亿 * 25%'")

    @Argument(help: "The expression, e.g. \"product.credit_line.max <= 20万\".")
    var expression: String

    @Option(name: .customLong("doc"), help: "A YAML file whose document is bound as `product` or `institution`.")
    var document: String?

    @Option(name: .customLong("id"), help: "Which document of --doc to bind (default: the first product, else the first institution).")
    var id: String?

    @Option(name: .customLong("as-of"), help: "The value of `as_of` (default: today).")
    var asOf: String?

    @Option(name: .customLong("rules"), help: "Extra rules directories.")
    var rulesDirectories: [String] = []

    func run() throws {
        let date = try CommandOptions.asOfDate(asOf)
        var environment = TypeEnvironment()
        var bindings = Bindings()
        environment.bind("as_of", to: .date)
        bindings.bind("as_of", to: .date(date))
        var sources = SourceTexts()
        sources.add(file: "<expression>", text: expression)
        if let document {
            let rules = try CommandSupport.loadRules(extra: rulesDirectories)
            SchemaTypes.declare(rules.schema, in: &environment)
            let outcome = try CommandSupport.loadDocuments([document], schema: rules.schema, requireReferences: false)
            sources.merge(outcome.sources)
            let candidates = outcome.documents.documents.filter { $0.kind != "Waiver" && (id == nil || $0.id == id) }
            guard let subject = candidates.first(where: { $0.kind == "LoanProduct" }) ?? candidates.first else {
                throw CommandSupport.usageError(id.map { "no product or institution '\($0)' in \(document)" }
                                                    ?? "no product or institution in \(document)")
            }
            if subject.kind == "LoanProduct" {
                environment.bind("product", to: .record("LoanProduct"))
                environment.bind("lender", to: .record("Institution"))
                bindings.bind("product", to: .record(subject.record))
                if case .string(let lender)? = subject["lender"], let institution = outcome.documents.document(id: lender) {
                    bindings.bind("lender", to: .record(institution.record))
                }
            } else {
                environment.bind("institution", to: .record("Institution"))
                bindings.bind("institution", to: .record(subject.record))
            }
        }
        switch evaluateStandalone(expression, environment: environment, bindings: bindings) {
        case .success(let result):
            var out = DisplayText.safe("\(result.valueText) : \(result.typeText)") + "\n"
            for evidence in result.evidence {
                out += "  because " + DisplayText.safe("\(evidence.text)\(evidence.location.map { " (\($0))" } ?? "")") + "\n"
            }
            try FileOutput.standardOutput.write(out)
        case .failure(let error):
            CommandSupport.report(error.diagnostics, sources: sources)
            throw ExitCode(ExitStatus.invalidInput)
        }
    }
}

/// `loancheck schema [--json-schema]`: the document schema.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the document schema; --json-schema writes a JSON Schema for editors (YAML language server).")

    @Flag(name: .customLong("json-schema"), help: "Write a JSON Schema (draft-07) of the documents.")
    var jsonSchema = false

    @Option(name: .customLong("rules"), help: "Extra rules directories.")
    var rulesDirectories: [String] = []

    func run() throws {
        let rules = try CommandSupport.loadRules(extra: rulesDirectories)
        if jsonSchema {
            try FileOutput.standardOutput.write(JSONSchemaWriter().jsonSchema(for: rules.schema).serialized(indent: 2) + "\n")
            return
        }
        var out = "document schema \(rules.schema.id) v\(rules.schema.version)\n"
        for kind in rules.schema.kinds {
            out += "\n\(kind.kind)\(kind.doc.map { " — \($0)" } ?? "")\n"
            out += describe(kind.fields, indent: "  ")
        }
        // The schema's texts are shown escaped (`DisplayText`); its line breaks are the listing's own.
        try FileOutput.standardOutput.write(DisplayText.safe(out, layout: .block))
    }

    private func describe(_ fields: [FieldSpec], indent: String) -> String {
        var out = ""
        for field in fields {
            var flags: [String] = []
            if field.isDerived { flags.append("derived") } else if !field.isRequired { flags.append(field.defaultValue == nil ? "optional" : "default") }
            out += "\(indent)\(field.name): \(field.type.displayName)\(flags.isEmpty ? "" : " (\(flags.joined(separator: ", ")))")\n"
            switch field.type {
            case .record(_, let nested): out += describe(nested, indent: indent + "  ")
            case .list(let element):
                if case .record(_, let nested) = element.type { out += describe(nested, indent: indent + "  ") }
            default: break
            }
        }
        return out
    }
}
