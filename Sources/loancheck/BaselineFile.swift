import Compliance
import FoundationEssentials

/// Reading the `--baseline` file, with a usage error (exit 2) that says what is wrong with it.
enum BaselineFile {
    static func read(_ path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandSupport.usageError("cannot read baseline '\(path)'", hint: "write one with --write-baseline FILE")
        }
        guard !data.isEmpty else {
            throw CommandSupport.usageError("baseline '\(path)' is empty", hint: "write one with --write-baseline FILE")
        }
        do {
            return try Baseline.read(json: data)
        } catch let error as BaselineError {
            throw CommandSupport.usageError("baseline '\(path)': \(error.message)")
        } catch let error as DecodingError {
            throw CommandSupport.usageError("baseline '\(path)' \(problem(error))", hint: "write one with --write-baseline FILE")
        } catch {
            throw CommandSupport.usageError("baseline '\(path)' is not valid JSON", hint: "write one with --write-baseline FILE")
        }
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
