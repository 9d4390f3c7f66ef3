import Diagnostics
import Foundation
import Testing

@testable import YAML

/// The single document of `text`; fails the test if parsing throws or gives another count.
func document(_ text: String, file: String = "t.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation)
    throws -> Node
{
    let documents = try YAMLReader.parse(text, file: file)
    try #require(documents.count == 1, "expected one document, got \(documents.count)", sourceLocation: sourceLocation)
    return documents[0]
}

/// The diagnostics parsing `text` throws; fails the test if it does not throw.
func diagnostics(_ text: String, file: String = "t.yaml", limits: YAMLLimits = .default,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic]
{
    do {
        let documents = try YAMLReader.parse(text, file: file, limits: limits)
        Issue.record("expected an error, parsed \(documents.count) document(s)", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

/// Shorthand for a location in the default test file.
func at(_ line: Int, _ column: Int, file: String = "t.yaml") -> Diagnostics.SourceLocation {
    Diagnostics.SourceLocation(file: file, line: line, column: column)
}

func mark(_ line: Int, _ column: Int) -> Mark { Mark(line: line, column: column) }

/// A scratch file holding `bytes`, removed when the test's closure returns.
func withTemporaryFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("yamltests-\(UUID().uuidString).yaml").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

extension Node {
    /// The scalar text, or nil: keeps expectations short.
    var text: String? { scalar?.text }

    /// The node at a path of keys (String) and indices (Int).
    subscript(_ path: any Sendable...) -> Node? {
        var node: Node? = self
        for step in path {
            if let key = step as? String {
                node = node?.value(forKey: key)
            } else if let index = step as? Int, let items = node?.sequence, items.indices.contains(index) {
                node = items[index]
            } else {
                return nil
            }
        }
        return node
    }
}
