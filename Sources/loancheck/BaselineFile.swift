import Compliance
import Diagnostics
import FoundationEssentials

/// Reading the `--baseline` file, with an error that says what is wrong with it (a baseline error of
/// the input: exit 2, and every report says it).
enum BaselineFile {
    static func read(_ path: String) throws(InputFailure) -> Baseline {
        let rewrite = "write one with --write-baseline FILE"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw failure("cannot read baseline '\(path)'", hint: rewrite)
        }
        guard !data.isEmpty else { throw failure("baseline '\(path)' is empty", hint: rewrite) }
        do {
            return try Baseline.read(json: data)
        } catch let error as BaselineError {
            throw failure("baseline '\(path)': \(error.message)", hint: nil)
        } catch let error as DecodingError {
            throw failure("baseline '\(path)' \(problem(error))", hint: rewrite)
        } catch {
            throw failure("baseline '\(path)' is not valid JSON", hint: rewrite)
        }
    }

    private static func failure(_ message: String, hint: String?) -> InputFailure {
        InputFailure(diagnostics: [Diagnostic.error(message, at: nil, hint: hint).classified(as: .baseline)], sources: SourceTexts())
    }

    /// What a decoding error means for the file: bad JSON, or valid JSON of the wrong shape.
    static func problem(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "is not a loancheck baseline: missing field '\(fieldPath(context.codingPath + [key]))'"
        case .typeMismatch(let type, let context):
            return context.codingPath.isEmpty
                ? "is not a loancheck baseline: expected \(describe(type)) at the top level"
                : "is not a loancheck baseline: field '\(fieldPath(context.codingPath))' must be \(describe(type))"
        case .valueNotFound(let type, let context):
            return context.codingPath.isEmpty
                ? "is not a loancheck baseline: expected \(describe(type)) at the top level, not null"
                : "is not a loancheck baseline: field '\(fieldPath(context.codingPath))' is null, expected \(describe(type))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? "is not valid JSON"
                : "is not a loancheck baseline: field '\(fieldPath(context.codingPath))' is invalid"
        @unknown default:
            return "is not a loancheck baseline"
        }
    }

    /// `entries[2].rule`
    private static func fieldPath(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}
