import Diagnostics

/// What is wrong with a tape, by kind: each kind is reported up to `TapeErrors.limitPerKind` times,
/// then counted.
public enum TapeErrorKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case syntax = "CSV syntax"
    case header
    case fieldCount = "field count"
    case badCell = "bad cell"
    case unknownInstitution = "unknown institution"
    case unknownProduct = "unknown product"
    case duplicateLoan = "duplicate loan_id"
    case balanceAbovePrincipal = "balance above principal"
    case dateOrder = "date order"
    case fundingShares = "funding shares"
    case orphanFunding = "funding of a loan not in loans"
    case duplicateFunding = "funder listed twice"
    case duplicateGroup = "borrower in two groups"

    public static func < (lhs: TapeErrorKind, rhs: TapeErrorKind) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// A problem at a place in a tape file: a byte offset in a record whose line is known relative to the
/// scanned chunk (made absolute once every chunk's line count is known).
public struct TapeError: Sendable {
    public let kind: TapeErrorKind
    public let file: Int32
    public let chunk: Int32
    /// The record's first line, relative to the chunk's first line (0-based).
    public let recordLine: Int32
    public let recordStart: Int64
    /// The offending byte (a cell's start), at or after `recordStart`.
    public let offset: Int64
    public let message: String
    public let hint: String?
    public var notes: [Diagnostic.Note]

    public init(kind: TapeErrorKind, file: Int32, chunk: Int32, recordLine: Int32, recordStart: Int64, offset: Int64,
                message: String, hint: String?, notes: [Diagnostic.Note] = []) {
        self.kind = kind
        self.file = file
        self.chunk = chunk
        self.recordLine = recordLine
        self.recordStart = recordStart
        self.offset = offset
        self.message = message
        self.hint = hint
        self.notes = notes
    }
}

/// The errors of a tape, bounded per kind: the first `limitPerKind` of each kind in file order are
/// kept, the rest only counted, so a tape with a million bad rows still ends in a readable report.
public struct TapeErrors: Sendable {
    public static let limitPerKind = 100

    public private(set) var kept: [TapeErrorKind: [TapeError]] = [:]
    public private(set) var counts: [TapeErrorKind: Int] = [:]

    public init() {}

    public var isEmpty: Bool { counts.isEmpty }
    public var total: Int { counts.values.reduce(0, +) }

    public mutating func append(_ error: TapeError) {
        counts[error.kind, default: 0] += 1
        if kept[error.kind, default: []].count < Self.limitPerKind { kept[error.kind, default: []].append(error) }
    }

    /// Counts `more` errors of `kind` that are not kept.
    public mutating func count(_ kind: TapeErrorKind, more: Int) {
        guard more > 0 else { return }
        counts[kind, default: 0] += more
    }

    /// Adds the errors of a later chunk (chunks merged in file order keep the first ones of each kind).
    public mutating func merge(_ later: TapeErrors) {
        for (kind, count) in later.counts { counts[kind, default: 0] += count }
        for (kind, errors) in later.kept {
            let room = Self.limitPerKind - kept[kind, default: []].count
            if room > 0 { kept[kind, default: []] += errors.prefix(room) }
        }
    }
}
