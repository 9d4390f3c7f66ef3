import Diagnostics
import RuleLanguage

/// Cross-document checks once every file is read: unique ids and references to loaded documents.
struct ReferenceChecker {
    /// The position of the first institution or product with each id (waivers have none), and one error
    /// per later document with an id already used — with a note at the first.
    static func index(_ documents: [LoadedDocument]) -> (first: [String: Int], duplicates: [Diagnostic]) {
        var first: [String: Int] = [:]
        first.reserveCapacity(documents.count)
        var duplicates: [Diagnostic] = []
        for (position, document) in documents.enumerated() where document.kind != "Waiver" {
            if let existingPosition = first[document.id] {
                let existing = documents[existingPosition]
                duplicates.append(.error(
                    "duplicate id '\(document.id)': already used by the \(existing.kind) in \(existing.file)",
                    at: document.idLocation, hint: "ids must be unique across all loaded files",
                    notes: [.init("first defined here", at: existing.idLocation)]))
            } else {
                first[document.id] = position
            }
        }
        return (first, duplicates)
    }

    /// Unknown references reported one by one; the rest are counted in one diagnostic. The same bound
    /// applies to references to a document of the wrong kind, and to an institution of the wrong type.
    static let unknownLimit = 1_000
    /// Unknown ids that get a "did you mean" hint; later ones get the generic hint.
    static let suggestionBudget = 1_000

    /// What could not be loaded, so that references to it are not reported as mistakes of their own:
    /// one broken file would otherwise give an "unknown reference" in every file that names its ids.
    struct Unloaded {
        /// Ids of documents that were written but not loaded (their own error is reported).
        var ids: Set<String> = []
        /// Files that could not be read or parsed: which ids they define is not known.
        var files: [String] = []
    }

    /// References to ids that are not loaded, or that name a document of another kind.
    /// `index`: the first document with each id (`index(_:)`). References to `unloaded.ids` are left
    /// out; when `unloaded.files` is not empty, unknown references are counted in one note instead of
    /// listed, since the files that could not be read may define them.
    /// Whether `reference` names a loaded document of the kind and type it expects: `unresolved` says
    /// nothing about such a reference.
    static func isSound(_ reference: NodeDecoder.PendingReference, index: [String: Int], documents: [LoadedDocument]) -> Bool {
        guard let position = index[reference.id] else { return false }
        if let expected = reference.kind, expected != documents[position].kind { return false }
        if let constraint = reference.constraint, case .enumeration(let type)? = documents[position]["type"],
           !constraint.types.contains(type.caseName) {
            return false
        }
        return true
    }

    /// The references that are not sound, in order, found on all cores: nearly every reference is sound,
    /// and checking the 400,000 of 100,000 products one by one was a serial stretch of the audit.
    /// `unresolved` of these gives what `unresolved` of all of them gives.
    static func unsound(
        _ references: [[NodeDecoder.PendingReference]], index: [String: Int], documents: [LoadedDocument]
    ) -> [NodeDecoder.PendingReference] {
        references.concurrentMap { list in list.filter { !isSound($0, index: index, documents: documents) } }.flatMap { $0 }
    }

    static func unresolved(
        _ references: some Sequence<NodeDecoder.PendingReference>, index: [String: Int], documents: [LoadedDocument],
        unloaded: Unloaded = Unloaded()
    ) -> [Diagnostic] {
        // Candidates per expected kind ("" = any), computed once and only when an id is unknown; a hint
        // per unknown id, computed once and for at most `suggestionBudget` ids, so a file of a million
        // dangling references cannot cost a million scans of every loaded id.
        var candidates: [String: [String]]?
        func candidatesByKind() -> [String: [String]] {
            if let candidates { return candidates }
            var built: [String: [String]] = ["": index.keys.sorted()]
            for (id, position) in index { built[documents[position].kind, default: []].append(id) }
            // Sorted, so a tie between two equally close ids is broken the same way on every run.
            for kind in built.keys { built[kind]?.sort() }
            candidates = built
            return built
        }
        var hints: [String: String?] = [:]
        var diagnostics: [Diagnostic] = []
        var unknown = 0
        var firstUnknown: SourceLocation?
        var consequential = 0
        var firstConsequential: SourceLocation?
        // Six million `affiliates: [p, p, …]` naming a product made six million diagnostics (3 GB).
        var wrongKind = 0
        var firstWrongKind: SourceLocation?
        var wrongType = 0
        var firstWrongType: SourceLocation?
        for reference in references {
            guard let kind = index[reference.id].map({ documents[$0].kind }) else {
                if unloaded.ids.contains(reference.id) { continue }
                if !unloaded.files.isEmpty {
                    consequential += 1
                    if firstConsequential == nil { firstConsequential = reference.location }
                    continue
                }
                unknown += 1
                if firstUnknown == nil { firstUnknown = reference.location }
                guard unknown <= unknownLimit else { continue }
                let key = (reference.kind ?? "") + "\u{0}" + reference.id
                let hint: String?
                if let known = hints[key] {
                    hint = known
                } else if hints.count < suggestionBudget {
                    hint = Suggestions.hint(for: reference.id, in: candidatesByKind()[reference.kind ?? ""] ?? [])
                    hints[key] = hint
                } else {
                    hint = nil
                }
                let what = reference.kind.map { "no \($0) with id '\(reference.id)' is loaded" }
                    ?? "no document with id '\(reference.id)' is loaded"
                diagnostics.append(.error(
                    "unknown reference in '\(reference.fieldPath)': \(what)", at: reference.location,
                    hint: hint ?? "load the file that defines '\(reference.id)' too (pass its directory), or fix the id"))
                continue
            }
            if let expected = reference.kind, expected != kind {
                wrongKind += 1
                if firstWrongKind == nil { firstWrongKind = reference.location }
                guard wrongKind <= unknownLimit else { continue }
                diagnostics.append(.error(
                    "'\(reference.fieldPath)' must name \(expected == "Institution" ? "an" : "a") \(expected), but '\(reference.id)' is a \(kind)",
                    at: reference.location))
            } else if let constraint = reference.constraint, let position = index[reference.id],
                      case .enumeration(let type)? = documents[position]["type"], !constraint.types.contains(type.caseName) {
                wrongType += 1
                if firstWrongType == nil { firstWrongType = reference.location }
                guard wrongType <= unknownLimit else { continue }
                diagnostics.append(.error(
                    "'\(reference.fieldPath)' must name an institution of type \(constraint.types.joined(separator: ", ")), "
                        + "but '\(reference.id)' is \("aeiou".contains(type.caseName.prefix(1)) ? "an" : "a") \(type.caseName)",
                    at: reference.location, hint: constraint.hint,
                    notes: [.init("'\(reference.id)' is declared here", at: documents[position].record.location(of: "type"))]))
            }
        }
        if consequential > 0 {
            let files = unloaded.files.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                + (unloaded.files.count > 3 ? " and \(unloaded.files.count - 3) more" : "")
            diagnostics.append(Diagnostic(
                .note, "\(consequential) reference\(consequential == 1 ? "" : "s") to ids that are not loaded \(consequential == 1 ? "is" : "are") not checked: "
                    + "\(files) could not be read and may define \(consequential == 1 ? "it" : "them")",
                at: firstConsequential, hints: ["fix the error\(unloaded.files.count == 1 ? "" : "s") in \(files) first; the references are checked then"]))
        }
        if unknown > unknownLimit {
            let more = unknown - unknownLimit
            // At the first one, so it is printed next to it rather than lost among the rest.
            diagnostics.append(.error("\(more) more unknown reference\(more == 1 ? " is" : "s are") not listed", at: firstUnknown,
                                      hint: "fix the first \(unknownLimit); the rest are often the same mistake repeated"))
        }
        if wrongKind > unknownLimit {
            let more = wrongKind - unknownLimit
            diagnostics.append(.error("\(more) more reference\(more == 1 ? "" : "s") to a document of the wrong kind \(more == 1 ? "is" : "are") not listed",
                                      at: firstWrongKind,
                                      hint: "fix the first \(unknownLimit); the rest are often the same mistake repeated"))
        }
        if wrongType > unknownLimit {
            let more = wrongType - unknownLimit
            diagnostics.append(.error("\(more) more reference\(more == 1 ? "" : "s") to an institution of the wrong type \(more == 1 ? "is" : "are") not listed",
                                      at: firstWrongType,
                                      hint: "fix the first \(unknownLimit); the rest are often the same mistake repeated"))
        }
        return diagnostics
    }
}
