/// Where a row is: its file, the chunk it was scanned in, its first line relative to that chunk, and
/// its first byte.
public struct RowPlace: Sendable, Hashable {
    /// The tape-wide file id (`TapeText.file`).
    public let file: Int32
    public let chunk: Int32
    public let line: Int32
    public let recordStart: Int64

    public init(file: Int32, chunk: Int32, line: Int32, recordStart: Int64) {
        self.file = file
        self.chunk = chunk
        self.line = line
        self.recordStart = recordStart
    }
}

/// One loan (借据) as the engines compute with it: codes, day numbers and fixed-point integers.
public struct LoanRow: Sendable {
    /// Marks an optional amount or ratio that the row leaves empty.
    public static let absent = Int64.min

    public var place: RowPlace
    public var loanId: TapeText
    /// Institution code (`LedgerInstitutions`).
    public var lender: Int32
    /// Product code, or -1.
    public var product: Int32
    public var borrower: TapeText
    /// 0 individual, 1 business.
    public var borrowerType: UInt8
    /// 0 consumption, 1 business.
    public var purpose: UInt8
    public var secured: Bool
    /// Day numbers (`CivilDate.dayNumber`).
    public var contractDate: Int32
    public var disbursedOn: Int32
    /// Fen.
    public var principal: Int64
    public var balance: Int64
    /// Fen, or `absent`.
    public var creditLine: Int64
    /// 10^-10 of the fraction (23.5% = 2,350,000,000), or `absent`.
    public var apr: Int64
    /// `Province.tableIndex`.
    public var region: UInt8
    /// Byte offsets of the cells, by canonical column, for the location of a finding.
    public var cellOffsets: CellOffsets

    public init(place: RowPlace, loanId: TapeText, lender: Int32, product: Int32, borrower: TapeText, borrowerType: UInt8,
                purpose: UInt8, secured: Bool, contractDate: Int32, disbursedOn: Int32, principal: Int64, balance: Int64,
                creditLine: Int64, apr: Int64, region: UInt8, cellOffsets: CellOffsets) {
        self.place = place
        self.loanId = loanId
        self.lender = lender
        self.product = product
        self.borrower = borrower
        self.borrowerType = borrowerType
        self.purpose = purpose
        self.secured = secured
        self.contractDate = contractDate
        self.disbursedOn = disbursedOn
        self.principal = principal
        self.balance = balance
        self.creditLine = creditLine
        self.apr = apr
        self.region = region
        self.cellOffsets = cellOffsets
    }
}

/// The byte offset of each canonical loan cell in its row (findings point at the cell).
public struct CellOffsets: Sendable {
    private var offsets: (Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64)
        = (-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)

    public init() {}

    public subscript(column: TapeColumn) -> Int64 {
        get {
            withUnsafeBytes(of: offsets) { $0.load(fromByteOffset: Self.slot(column) * 8, as: Int64.self) }
        }
        set {
            let slot = Self.slot(column)
            withUnsafeMutableBytes(of: &offsets) { $0.storeBytes(of: newValue, toByteOffset: slot * 8, as: Int64.self) }
        }
    }

    private static func slot(_ column: TapeColumn) -> Int {
        switch column {
        case .loanId: 0
        case .lender: 1
        case .product: 2
        case .borrowerId: 3
        case .borrowerType: 4
        case .purpose: 5
        case .secured: 6
        case .contractDate: 7
        case .disbursedOn: 8
        case .principal: 9
        case .balance: 10
        case .creditLine: 11
        case .apr: 12
        default: 13
        }
    }
}

extension TapeColumn {
    /// The columns of the loans table, in order (`CellOffsets` slots).
    public static let loanColumns: [TapeColumn] = TapeTable.loans.columns
}

/// One row of the fundings table: a funder's share of a joint loan.
///
/// 48 bytes (a tape has millions): cell offsets are kept relative to the record's start, and the place
/// and the loan id are put together when asked for.
public struct FundingRow: Sendable {
    /// The byte where the row's record starts.
    public let recordStart: Int64
    private let idHash: UInt64
    /// 10^-10 of the fraction.
    public let share: Int64
    private let line: Int32
    /// The funder's institution code.
    public let institution: Int32
    private let idDelta: UInt32
    /// The loan id cell's length; the top bit says it is quoted with `""` inside.
    private let idLengthAndEscape: UInt32
    private let shareDelta: UInt32
    private let fileIndex: UInt16
    private let chunkIndex: UInt16

    init(place: RowPlace, loanId: TapeText, institution: Int32, share: Int64, shareOffset: Int64) {
        recordStart = place.recordStart
        idHash = loanId.hash
        self.share = share
        line = place.line
        self.institution = institution
        idDelta = UInt32(truncatingIfNeeded: loanId.offset - place.recordStart)
        idLengthAndEscape = UInt32(truncatingIfNeeded: loanId.length) & 0x7FFF_FFFF | (loanId.escaped ? 0x8000_0000 : 0)
        shareDelta = UInt32(truncatingIfNeeded: shareOffset - place.recordStart)
        fileIndex = UInt16(truncatingIfNeeded: place.file)
        chunkIndex = UInt16(truncatingIfNeeded: place.chunk)
    }

    /// Where the row is.
    public var place: RowPlace {
        RowPlace(file: Int32(fileIndex), chunk: Int32(chunkIndex), line: line, recordStart: recordStart)
    }

    /// The loan id cell.
    public var loanId: TapeText {
        TapeText(file: Int32(fileIndex), offset: recordStart + Int64(idDelta), length: Int32(idLengthAndEscape & 0x7FFF_FFFF),
                 escaped: idLengthAndEscape & 0x8000_0000 != 0, hash: idHash)
    }

    /// The byte where the share cell starts.
    public var shareOffset: Int64 { recordStart + Int64(shareDelta) }
}

/// One row of the borrower_groups table.
public struct GroupRow: Sendable {
    public var place: RowPlace
    public var borrower: TapeText
    public var group: TapeText
}
