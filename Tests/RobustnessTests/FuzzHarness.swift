// The fuzz harness: one function per fuzz target, each feeding arbitrary bytes through a public API and
// checking the robustness contract — a result, or errors that each carry a location; never a crash, a
// NaN passed off as a value, or an error without a place.
//
// This file is compiled twice: into the RobustnessTests target (which replays every file under
// Regressions/ through it) and, through a symbolic link, into the libFuzzer executables of Fuzz/
// (see Fuzz/README.md). Keep it to public API and FoundationEssentials.

import Compliance
import Diagnostics
import FoundationEssentials
import LoanDomain
import RuleLanguage
import YAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A broken robustness invariant. The fuzzer turns it into a crash (so libFuzzer saves the input);
/// the regression tests report it as a failure.
struct HarnessViolation: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum FuzzHarness {
    /// The fuzz targets (also the sub-directories of `Tests/RobustnessTests/Regressions/`).
    enum Target: String, CaseIterable, Sendable {
        /// YAML text → `YAMLReader.parse` and `parseFile` (bytes as a file: encoding checks, BOM, NUL).
        case yaml
        /// Rule-language text → parse, type-check against the document schema, evaluate on the examples.
        case expression
        /// Text → every unit parser (money, percent, ratio, rate, duration, date, province, provinces).
        case units
        /// YAML file → `DocumentLoader` (references required and not), then an audit with the shipped packs.
        case documents
    }

    static func run(_ target: Target, _ bytes: [UInt8]) throws(HarnessViolation) {
        switch target {
        case .yaml: try yaml(bytes)
        case .expression: try expression(bytes)
        case .units: try units(bytes)
        case .documents: try documents(bytes)
        }
    }

    // MARK: - YAML

    static func yaml(_ bytes: [UInt8]) throws(HarnessViolation) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let nodes = try YAMLReader.parse(text, file: "fuzz.yaml")
            try checkTree(nodes, file: "fuzz.yaml")
        } catch let error as DiagnosticList {
            try checkLocated(error.diagnostics, file: "fuzz.yaml", lines: lineCount(bytes), what: "YAMLReader.parse")
        } catch let violation as HarnessViolation {
            throw violation
        } catch {
            throw HarnessViolation("unexpected error \(error)")
        }
        let path = try temporaryFile(bytes)
        defer { unlink(path) }
        do {
            let parsed = try YAMLReader.parseFile(atPath: path, displayPath: "fuzz.yaml")
            try checkTree(parsed.documents, file: "fuzz.yaml")
        } catch let error as DiagnosticList {
            try checkLocated(error.diagnostics, file: "fuzz.yaml", lines: lineCount(bytes), what: "YAMLReader.parseFile")
        } catch let violation as HarnessViolation {
            throw violation
        } catch {
            throw HarnessViolation("unexpected error \(error)")
        }
    }

    /// Every node has 1-based positions in the file, and nesting stays within the reader's bound (so
    /// consumers may recurse). Walked with an explicit stack.
    private static func checkTree(_ documents: [Node], file: String) throws(HarnessViolation) {
        var stack: [(Node, Int)] = documents.map { ($0, 1) }
        var visited = 0
        while let (node, depth) = stack.popLast() {
            visited += 1
            guard node.file == file, node.start.line >= 1, node.start.column >= 1, node.end.line >= 1, node.end.column >= 1 else {
                throw HarnessViolation("node at \(node.file):\(node.start.line):\(node.start.column) has a bad position")
            }
            guard depth <= YAMLLimits.default.maxDepth + 1 else { throw HarnessViolation("tree deeper than the limit: \(depth)") }
            // Alias copies share storage; the expansion bound keeps the walk finite and small.
            guard visited <= 4 * YAMLLimits.default.maxAliasExpansion + 1_000_000 else {
                throw HarnessViolation("tree has more than \(visited) nodes")
            }
            switch node.content {
            case .scalar: break
            case .sequence(let items): stack += items.map { ($0, depth + 1) }
            case .mapping(let entries): stack += entries.flatMap { [($0.key, depth + 1), ($0.value, depth + 1)] }
            }
        }
    }

    // MARK: - Expressions

    static func expression(_ bytes: [UInt8]) throws(HarnessViolation) {
        let text = String(decoding: bytes, as: UTF8.self)
        let context = try Context.shared()
        let origin = EmbeddedTextOrigin(file: "fuzz-pack.yaml", line: 7, column: 14)
        let compiled: CompiledExpression
        do {
            compiled = try RuleExpression.compile(text, origin: origin, environment: context.environment)
        } catch {
            guard !error.diagnostics.isEmpty else { throw HarnessViolation("compile failed without a diagnostic") }
            try checkLocated(error.diagnostics, file: "fuzz-pack.yaml", lines: nil, what: "RuleExpression.compile")
            return
        }
        for bindings in context.bindings {
            switch compiled.evaluate(bindings) {
            case .value(let value, let evidence):
                try checkValue(value, "the value of \(text.debugDescription)")
                for item in evidence where item.text.contains("NaN") || item.actual.contains("NaN") {
                    throw HarnessViolation("evidence shows NaN: \(item.text)")
                }
            case .unknown(let missing):
                guard !missing.isEmpty else { throw HarnessViolation("unknown without a missing field") }
            case .error(let diagnostic):
                guard diagnostic.location != nil else { throw HarnessViolation("evaluation error without a location: \(diagnostic)") }
            }
        }
    }

    // MARK: - Units

    static func units(_ bytes: [UInt8]) throws(HarnessViolation) {
        let text = String(decoding: bytes, as: UTF8.self)
        let scalars = text.unicodeScalars.count
        func check<T>(_ name: String, _ parse: (String) throws(UnitError) -> T, _ numbers: (T) -> [ExactNumber?]) throws(HarnessViolation) {
            do {
                let value = try parse(text)
                for case let number? in numbers(value) where !roundTrips(number) {
                    throw HarnessViolation("UnitParser.\(name)(\(text.debugDescription)) gave \(number), whose text reads back differently")
                }
            } catch let error as UnitError {
                guard error.offset >= 0, error.offset <= scalars else {
                    throw HarnessViolation("UnitParser.\(name): offset \(error.offset) outside 0...\(scalars)")
                }
                let diagnostic = error.diagnostic(in: text, origin: EmbeddedTextOrigin(file: "fuzz.yaml", line: 3, column: 9))
                guard let location = diagnostic.location, location.line >= 3, location.column >= 1 else {
                    throw HarnessViolation("UnitParser.\(name): error without a location")
                }
            } catch let violation as HarnessViolation {
                throw violation
            } catch {
                throw HarnessViolation("unexpected error \(error)")
            }
        }
        try check("money", UnitParser.money) { [$0] }
        try check("percent", UnitParser.percent) { [$0.value] }
        try check("ratio", UnitParser.ratio) { [$0.value] }
        try check("rate", UnitParser.rate) { [$0.ratio.value, $0.annualized] }
        try check("duration", UnitParser.duration) { _ in [] }
        try check("date", UnitParser.date) { _ in [] }
        try check("province", UnitParser.province) { _ in [] }
        try check("provinces", UnitParser.provinces) { _ in [] }
        _ = ExactNumber.parse(text)
    }

    /// A number's exact text reads back as the same number (normalised, nothing lost in display).
    static func roundTrips(_ number: ExactNumber) -> Bool { ExactNumber.parse(number.plainText) == number }

    // MARK: - Documents

    static func documents(_ bytes: [UInt8]) throws(HarnessViolation) {
        let context = try Context.shared()
        let path = try temporaryFile(bytes)
        defer { unlink(path) }
        let lines = lineCount(bytes)
        for requireReferences in [false, true] {
            let outcome = DocumentLoader(schema: context.rules.schema, requireReferences: requireReferences).load(files: [path])
            try checkLocated(outcome.diagnostics, file: path, lines: lines, what: "DocumentLoader")
            guard !outcome.hasErrors else { continue }
            for document in outcome.documents.documents {
                try checkValue(.record(document.record), "\(document.kind) \(document.id)")
            }
            guard requireReferences else { continue }
            let audit = Auditor(rules: context.rules, toolVersion: "fuzz")
                .audit(outcome, asOf: context.asOf, language: .en, warnExpiringDays: 30, baseline: nil)
            switch audit {
            case .success(let report):
                for finding in report.findings {
                    let texts = [finding.evidence.actual, finding.evidence.required, finding.evidence.detail, finding.message.en]
                    if texts.contains(where: { $0.contains("NaN") }) {
                        throw HarnessViolation("finding \(finding.rule) on \(finding.subject.id) shows NaN: \(texts)")
                    }
                }
            case .failure(let error):
                try checkLocated(error.diagnostics, file: path, lines: lines, what: "Auditor")
            }
        }
    }

    // MARK: - Checks

    /// Every diagnostic is an error or note with a location in `file` (1-based, within the file's lines).
    static func checkLocated(_ diagnostics: [Diagnostic], file: String, lines: Int?, what: String) throws(HarnessViolation) {
        for diagnostic in diagnostics {
            guard let location = diagnostic.location else {
                throw HarnessViolation("\(what): diagnostic without a location: \(diagnostic)")
            }
            guard location.file == file, location.line >= 1, location.column >= 1 else {
                throw HarnessViolation("\(what): diagnostic at a bad location: \(diagnostic)")
            }
            if let lines, location.line > lines {
                throw HarnessViolation("\(what): diagnostic past the last line (\(lines)): \(diagnostic)")
            }
        }
    }

    /// Every number inside `value` reads back from its text as itself. (With `Decimal` this checked for
    /// NaN, which compares false both ways and could pass a rule; an `ExactNumber` has no NaN.)
    static func checkValue(_ value: Value, _ what: String) throws(HarnessViolation) {
        var stack = [value]
        while let next = stack.popLast() {
            let nan: Bool
            switch next {
            case .decimal(let number), .money(let number): nan = !roundTrips(number)
            case .ratio(let ratio): nan = !roundTrips(ratio.value)
            case .rate(let rate): nan = !roundTrips(rate.ratio.value) || !(rate.annualized.map(roundTrips) ?? true)
            case .list(let list):
                stack += list.elements
                nan = false
            case .record(let record):
                stack += record.fields.values
                nan = false
            default: nan = false
            }
            if nan { throw HarnessViolation("\(what) holds a number whose text reads back differently: \(next)") }
        }
    }

    /// Lines as the reader counts them (LF, CR, CRLF), plus one for a position at the very end.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) { lines += 1 }
            index += 1
        }
        return lines
    }

    /// Writes `bytes` to a fresh file in `$TMPDIR` (or /tmp) and returns its path.
    static func temporaryFile(_ bytes: [UInt8]) throws(HarnessViolation) -> String {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = "\(directory)/loancheck-fuzz-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).yaml"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw HarnessViolation("cannot create \(path)") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw HarnessViolation("cannot write \(path)") }
            written += count
        }
        return path
    }

    // MARK: - Shared context

    /// The shipped rules, the type environment rules are checked in, and bindings for every example
    /// product and institution; built once per process.
    final class Context: Sendable {
        let rules: RuleSet
        let environment: TypeEnvironment
        let bindings: [Bindings]
        let asOf = CivilDate(year: 2026, month: 11, day: 22)!

        private init() throws(HarnessViolation) {
            guard let root = Self.repositoryRoot() else { throw HarnessViolation("cannot find the repository (Rules/, Examples/)") }
            do {
                rules = try PackLoader().load(shipped: root + "/Rules", extra: [])
            } catch {
                throw HarnessViolation("the shipped rules do not load: \(error)")
            }
            var environment = TypeEnvironment()
            SchemaTypes.declare(rules.schema, in: &environment)
            environment.bind("product", to: .record("LoanProduct"))
            environment.bind("lender", to: .record("Institution"))
            environment.bind("institution", to: .record("Institution"))
            environment.bind("as_of", to: .date)
            // A pack's parameters are a record of optional fields (`param.NAME`); these cover each kind.
            environment.declare(RecordType(name: "Params.fuzz", fields: [
                FieldDeclaration(name: "credit_line_cap", type: .money, optional: true),
                FieldDeclaration(name: "bullet_term_cap", type: .duration, optional: true),
                FieldDeclaration(name: "min_partner_share", type: .ratio, optional: true),
                FieldDeclaration(name: "lpr", type: .rate, optional: true),
                FieldDeclaration(name: "unset", type: .money, optional: true),
            ]))
            environment.bind("param", to: .record("Params.fuzz"))
            self.environment = environment
            let parameters = Record(type: "Params.fuzz", fields: [
                "credit_line_cap": .money(200_000), "bullet_term_cap": .duration(.months(12)),
                "min_partner_share": .ratio(Ratio(ExactNumber.parse("0.3") ?? 0)), "lpr": .rate(Rate(Ratio(ExactNumber.parse("0.03") ?? 0), per: .year)),
            ], locations: [:], location: SourceLocation(file: "fuzz-pack.yaml", line: 3, column: 1))

            let files = InputDiscovery().discover([root + "/Examples"]).files
            let outcome = DocumentLoader(schema: rules.schema).load(files: files)
            guard !outcome.hasErrors else { throw HarnessViolation("the examples do not load: \(outcome.diagnostics)") }
            var all: [Bindings] = []
            for document in outcome.documents.documents where document.kind != "Waiver" {
                var bindings = Bindings()
                bindings.bind("as_of", to: .date(CivilDate(year: 2026, month: 11, day: 22)!))
                bindings.bind("param", to: .record(parameters))
                if document.kind == "LoanProduct" {
                    bindings.bind("product", to: .record(document.record))
                    if case .string(let lender)? = document["lender"], let institution = outcome.documents.document(id: lender) {
                        bindings.bind("lender", to: .record(institution.record))
                        bindings.bind("institution", to: .record(institution.record))
                    }
                } else {
                    bindings.bind("institution", to: .record(document.record))
                }
                all.append(bindings)
            }
            bindings = all
        }

        private static let instance = Result { () throws(HarnessViolation) -> Context in try Context() }

        static func shared() throws(HarnessViolation) -> Context { try instance.get() }

        /// `$LOANCHECK_ROOT`, else the first directory above this source file that holds
        /// `Rules/schema/documents.yaml` (the checkout, also when this file is reached through Fuzz/).
        static func repositoryRoot() -> String? {
            if let root = ProcessInfo.processInfo.environment["LOANCHECK_ROOT"], !root.isEmpty { return root }
            var path = "\(#filePath)"
            while let slash = path.lastIndex(of: "/"), slash != path.startIndex {
                path = String(path[..<slash])
                if access(path + "/Rules/schema/documents.yaml", R_OK) == 0, access(path + "/Examples", R_OK) == 0 { return path }
            }
            return nil
        }
    }
}
