import Diagnostics

/// The names an expression may use and the types behind them, built from data by the document loader
/// and the rule engine: record types, enum types and variable bindings (`product`, `lender`, `param`, …).
///
/// ```swift
/// var environment = TypeEnvironment()
/// environment.declare(EnumType(name: "InstitutionType", cases: ["national-bank", "local-bank"]))
/// environment.declare(RecordType(name: "Institution", fields: [
///     FieldDeclaration(name: "type", type: .enumeration("InstitutionType")),
///     FieldDeclaration(name: "tier1_capital_net", type: .money, optional: true),
/// ]))
/// environment.bind("lender", to: .record("Institution"))
/// ```
public struct TypeEnvironment: Sendable {
    /// Declared record types by name.
    public private(set) var records: [String: RecordType] = [:]
    /// Declared enum types by name.
    public private(set) var enums: [String: EnumType] = [:]
    /// Variables in scope with their types.
    public private(set) var variables: [String: ValueType] = [:]
    /// Variable docs for `explain` output.
    public private(set) var variableDocs: [String: String] = [:]
    /// The dated value histories `on(VARIABLE.NAME, date)` reads, by variable and field (`param` →
    /// `lpr_1y` → its values from each day).
    public private(set) var histories: [String: [String: ValueHistory]] = [:]

    /// An empty environment: only literals, arithmetic and built-in functions.
    public init() {}

    /// Declares (or replaces) a record type.
    public mutating func declare(_ record: RecordType) { records[record.name] = record }

    /// Declares (or replaces) an enum type.
    public mutating func declare(_ enumType: EnumType) { enums[enumType.name] = enumType }

    /// Makes `on(variable.field, date)` read `history`.
    public mutating func declareHistory(_ history: ValueHistory, of variable: String, field: String) {
        histories[variable, default: [:]][field] = history
    }

    /// Puts a variable in scope.
    public mutating func bind(_ name: String, to type: ValueType, doc: String? = nil) {
        variables[name] = type
        if let doc { variableDocs[name] = doc }
    }

    /// Problems in the declarations themselves: a field or variable whose record or enum type is not
    /// declared. The compiler reports these too when an expression reaches such a type.
    public func validate() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func check(_ type: ValueType, _ context: String) {
            switch type {
            case .list(let element):
                check(element, context)
            case .record(let name) where records[name] == nil:
                let hint = Suggestions.hint(for: name, in: records.keys)
                problems.append(.error("\(context) has undeclared record type '\(name)'", at: nil, hint: hint))
            case .enumeration(let name) where enums[name] == nil:
                let hint = Suggestions.hint(for: name, in: enums.keys)
                problems.append(.error("\(context) has undeclared enum type '\(name)'", at: nil, hint: hint))
            default:
                break
            }
        }
        for (name, type) in variables.sorted(by: { $0.key < $1.key }) { check(type, "variable '\(name)'") }
        for record in records.values.sorted(by: { $0.name < $1.name }) {
            for field in record.fields { check(field.type, "field '\(record.name).\(field.name)'") }
        }
        return problems
    }
}
