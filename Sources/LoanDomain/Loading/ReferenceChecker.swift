import Diagnostics
import RuleLanguage

/// Cross-document checks once every file is read: unique ids and references to loaded documents.
struct ReferenceChecker {
    /// Duplicate ids (waivers have none) — the second one is the error, with a note at the first.
    static func duplicateIds(_ documents: [LoadedDocument]) -> [Diagnostic] {
        var first: [String: LoadedDocument] = [:]
        var diagnostics: [Diagnostic] = []
        for document in documents where document.kind != "Waiver" {
            if let existing = first[document.id] {
                diagnostics.append(.error(
                    "duplicate id '\(document.id)': already used by the \(existing.kind) in \(existing.file)",
                    at: document.idLocation, hint: "ids must be unique across all loaded files",
                    notes: [.init("first defined here", at: existing.idLocation)]))
            } else {
                first[document.id] = document
            }
        }
        return diagnostics
    }

    /// References to ids that are not loaded, or that name a document of another kind.
    static func unresolved(_ references: [NodeDecoder.PendingReference], documents: [LoadedDocument]) -> [Diagnostic] {
        var kinds: [String: String] = [:]
        for document in documents where document.kind != "Waiver" && kinds[document.id] == nil {
            kinds[document.id] = document.kind
        }
        var diagnostics: [Diagnostic] = []
        for reference in references {
            guard let kind = kinds[reference.id] else {
                let candidates = kinds.filter { reference.kind == nil || $0.value == reference.kind }.keys
                let what = reference.kind.map { "no \($0) with id '\(reference.id)' is loaded" }
                    ?? "no document with id '\(reference.id)' is loaded"
                diagnostics.append(.error(
                    "unknown reference in '\(reference.fieldPath)': \(what)", at: reference.location,
                    hint: Suggestions.hint(for: reference.id, in: candidates)
                        ?? "load the file that defines '\(reference.id)' too (pass its directory), or fix the id"))
                continue
            }
            if let expected = reference.kind, expected != kind {
                diagnostics.append(.error(
                    "'\(reference.fieldPath)' must name \(expected == "Institution" ? "an" : "a") \(expected), but '\(reference.id)' is a \(kind)",
                    at: reference.location))
            }
        }
        return diagnostics
    }
}
