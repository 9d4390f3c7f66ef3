import Diagnostics
import RuleLanguage
import YAML

/// Reads a parameter value written in a pack (`20万`, `30%`, `3.00%`, `12 months`) as its declared type.
enum ParameterValueParser {
    static func parse(_ node: Node, as type: ValueType, _ diagnostics: inout [Diagnostic]) -> Value? {
        guard let text = node.scalar?.text, !node.isNull else {
            diagnostics.append(.error("a parameter value must be a scalar", at: node.location))
            return nil
        }
        do {
            switch type {
            case .money: return .money(try UnitParser.money(text))
            case .ratio: return .ratio(try UnitParser.ratio(text))
            case .rate: return .rate(try UnitParser.rate(text))
            case .duration: return .duration(try UnitParser.duration(text))
            case .date: return .date(try UnitParser.date(text))
            case .string: return .string(text)
            case .boolean:
                switch BooleanScalar.read(node, "the parameter value") {
                case .success(let value): return .boolean(value)
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                    return nil
                }
            case .integer:
                if let value = Int(text) { return .integer(value) }
            case .decimal:
                if let value = ExactNumber.parse(text) { return .decimal(value) }
            default:
                break
            }
            diagnostics.append(.error("'\(text)' is not a valid \(type)", at: node.location))
            return nil
        } catch {
            diagnostics.append(error.diagnostic(in: text, origin: node.textOrigin))
            return nil
        }
    }
}
