import Diagnostics

/// Turns records of one file of a table into rows, checking every cell. A class: the per-cell closures
/// capture one reference, not a copy of every table of the decoder.
///
/// A bad cell, a row with the wrong number of fields, an unknown lender or funder, a balance above the
/// principal, a loan disbursed before its contract or after the tape's data date: each is a `TapeError`
/// at the cell, and the row is dropped from the computation (the audit then stops with exit 2, so a
/// dropped row never turns into a pass).
public final class LoanRowDecoder: Sendable {
    public let positions: ColumnPositions
    let institutions: IdentifierIndex
    let products: IdentifierIndex
    /// The schema's `as_of`, as a day number.
    let dataDate: Int32
    /// The codes of the choice columns (`values:` in the mapping), nil for the canonical spelling.
    private let typeCodes: [String: String]?
    private let purposeCodes: [String: String]?
    private let securedCodes: [String: String]?

    public init(_ files: TapeFiles, file: Int, institutions: IdentifierIndex, products: IdentifierIndex,
                dataDate: Int32) throws(DiagnosticList) {
        positions = try ColumnPositions(files, file: file)
        self.institutions = institutions
        self.products = products
        self.dataDate = dataDate
        typeCodes = positions.codes(.borrowerType)
        purposeCodes = positions.codes(.purpose)
        securedCodes = positions.codes(.secured)
    }

    public func decode(_ fields: CSVFields, bytes: UnsafeRawBufferPointer, place: RowPlace,
                       errors: inout TapeErrors) -> LoanRow? {
        var reader = CellReader(fields: fields, bytes: bytes, place: place, positions: positions)
        guard checkFieldCount(&reader, &errors) else { return nil }
        var offsets = CellOffsets()
        for column in TapeColumn.loanColumns {
            if let field = reader.field(column) { offsets[column] = Int64(field.start) }
        }
        _ = reader.read(.loanId, &errors) { cell, spec throws(CellError) in try TypedCell.text(cell, spec) }
        _ = reader.read(.borrowerId, &errors) { cell, spec throws(CellError) in try TypedCell.text(cell, spec) }
        let lender = reader.read(.lender, &errors, kind: .unknownInstitution) { cell, _ throws(CellError) -> Int32 in
            guard let code = institutions.code(of: cell) else {
                throw CellError("no institution '\(CellParser.text(cell))' is loaded",
                                hint: Suggestions.hint(for: CellParser.text(cell), in: institutions.ids)
                                    ?? "load the Institution document of every lender (pass its directory)")
            }
            return code
        }
        let product = reader.read(.product, &errors, kind: .unknownProduct) { cell, _ throws(CellError) -> Int32 in
            guard let code = products.code(of: cell) else {
                throw CellError("no product '\(CellParser.text(cell))' is loaded",
                                hint: Suggestions.hint(for: CellParser.text(cell), in: products.ids)
                                    ?? "load the LoanProduct it was made under, or leave the cell empty")
            }
            return code
        }
        let borrowerType = reader.read(.borrowerType, &errors) { cell, _ throws(CellError) in
            try TypedCell.choice(cell, codes: typeCodes, .borrowerTypes)
        }
        let purpose = reader.read(.purpose, &errors) { cell, _ throws(CellError) in
            try TypedCell.choice(cell, codes: purposeCodes, .purposes)
        }
        let secured = reader.read(.secured, &errors) { cell, _ throws(CellError) in try TypedCell.boolean(cell, codes: securedCodes) }
        let contract = reader.read(.contractDate, &errors) { cell, spec throws(CellError) in try TypedCell.date(cell, spec) }
        let disbursed = reader.read(.disbursedOn, &errors) { cell, spec throws(CellError) in try TypedCell.date(cell, spec) }
        let principal = reader.read(.principal, &errors) { cell, spec throws(CellError) in try TypedCell.money(cell, spec) }
        let balance = reader.read(.balance, &errors) { cell, spec throws(CellError) in try TypedCell.money(cell, spec) }
        let creditLine = reader.read(.creditLine, &errors) { cell, spec throws(CellError) in try TypedCell.money(cell, spec) }
        let apr = reader.read(.apr, &errors) { cell, spec throws(CellError) in try TypedCell.ratio(cell, spec) }
        let region = reader.read(.region, &errors) { cell, _ throws(CellError) in try CellParser.province(cell) }
        if let principal, let balance, balance > principal {
            reader.error(&errors, kind: .balanceAbovePrincipal, .balance, offset: Int(offsets[.balance]),
                         "the balance (\(Money.text(fen: balance))) is above the principal (\(Money.text(fen: principal)))",
                         hint: "balance is what is still outstanding of the principal on the schema's as_of")
        }
        if let contract, let disbursed, disbursed < contract {
            reader.error(&errors, kind: .dateOrder, .disbursedOn, offset: Int(offsets[.disbursedOn]),
                         "the loan is disbursed before its contract date", hint: "check contract_date and disbursed_on")
        }
        if let disbursed, disbursed > dataDate {
            reader.error(&errors, kind: .dateOrder, .disbursedOn, offset: Int(offsets[.disbursedOn]),
                         "the loan is disbursed after the tape's as_of", hint: "a tape holds loans made by its as_of date")
        }
        guard !reader.failed, let idField = reader.field(.loanId), let borrowerField = reader.field(.borrowerId),
              let lender, let borrowerType, let purpose, let contract, let disbursed, let principal, let balance, let region
        else { return nil }
        return LoanRow(place: place, loanId: TapeText(file: place.file, field: idField, in: bytes), lender: lender,
                       product: product ?? -1, borrower: TapeText(file: place.file, field: borrowerField, in: bytes),
                       borrowerType: borrowerType, purpose: purpose, secured: secured ?? false, contractDate: contract,
                       disbursedOn: disbursed, principal: principal, balance: balance, creditLine: creditLine ?? LoanRow.absent,
                       apr: apr ?? LoanRow.absent, region: region, cellOffsets: offsets)
    }

    private func checkFieldCount(_ reader: inout CellReader, _ errors: inout TapeErrors) -> Bool {
        RowShape.check(&reader, &errors, expected: positions.fieldCount)
    }
}

/// Rows of the fundings table.
public final class FundingRowDecoder: Sendable {
    public let positions: ColumnPositions
    let institutions: IdentifierIndex

    public init(_ files: TapeFiles, file: Int, institutions: IdentifierIndex) throws(DiagnosticList) {
        positions = try ColumnPositions(files, file: file)
        self.institutions = institutions
    }

    public func decode(_ fields: CSVFields, bytes: UnsafeRawBufferPointer, place: RowPlace,
                       errors: inout TapeErrors) -> FundingRow? {
        var reader = CellReader(fields: fields, bytes: bytes, place: place, positions: positions)
        guard RowShape.check(&reader, &errors, expected: positions.fieldCount) else { return nil }
        _ = reader.read(.fundingLoanId, &errors) { cell, spec throws(CellError) in try TypedCell.text(cell, spec) }
        let institution = reader.read(.fundingInstitution, &errors, kind: .unknownInstitution) { cell, _ throws(CellError) -> Int32 in
            guard let code = institutions.code(of: cell) else {
                throw CellError("no institution '\(CellParser.text(cell))' is loaded",
                                hint: Suggestions.hint(for: CellParser.text(cell), in: institutions.ids)
                                    ?? "load the Institution document of every funder")
            }
            return code
        }
        let share = reader.read(.fundingShare, &errors) { cell, spec throws(CellError) -> Int64 in
            let units = try TypedCell.ratio(cell, spec)
            guard units > 0, units <= CellParser.ratioUnitsPerOne else {
                throw CellError("a share is above 0% and at most 100%, found \(CellParser.text(cell))")
            }
            return units
        }
        guard !reader.failed, let idField = reader.field(.fundingLoanId), let shareField = reader.field(.fundingShare),
              let institution, let share else { return nil }
        return FundingRow(place: place, loanId: TapeText(file: place.file, field: idField, in: bytes), institution: institution,
                          share: share, shareOffset: Int64(shareField.start))
    }
}

/// Rows of the borrower_groups table.
public final class GroupRowDecoder: Sendable {
    public let positions: ColumnPositions

    public init(_ files: TapeFiles, file: Int) throws(DiagnosticList) {
        positions = try ColumnPositions(files, file: file)
    }

    public func decode(_ fields: CSVFields, bytes: UnsafeRawBufferPointer, place: RowPlace,
                       errors: inout TapeErrors) -> GroupRow? {
        var reader = CellReader(fields: fields, bytes: bytes, place: place, positions: positions)
        guard RowShape.check(&reader, &errors, expected: positions.fieldCount) else { return nil }
        _ = reader.read(.groupBorrowerId, &errors) { cell, spec throws(CellError) in try TypedCell.text(cell, spec) }
        _ = reader.read(.groupName, &errors) { cell, spec throws(CellError) in try TypedCell.text(cell, spec) }
        guard !reader.failed, let borrower = reader.field(.groupBorrowerId), let group = reader.field(.groupName) else { return nil }
        return GroupRow(place: place, borrower: TapeText(file: place.file, field: borrower, in: bytes),
                        group: TapeText(file: place.file, field: group, in: bytes))
    }
}

/// A row must have as many fields as its header.
enum RowShape {
    static func check(_ reader: inout CellReader, _ errors: inout TapeErrors, expected: Int) -> Bool {
        let count = reader.fields.count
        guard count != expected else { return true }
        let offset = count > expected ? reader.fields[expected].start : reader.fields[count - 1].end
        reader.error(&errors, kind: .fieldCount, nil, offset: offset,
                     "the row has \(count) field\(count == 1 ? "" : "s"), the header has \(expected)",
                     hint: count > expected ? "quote a cell that contains the delimiter" : "every row has a cell for every column (empty for none)")
        return false
    }
}

/// Money for messages: `¥200,000.00`.
public enum Money {
    public static func text(fen: Int64) -> String {
        let negative = fen < 0
        let magnitude = fen.magnitude
        var whole = String(magnitude / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let cents = magnitude % 100
        return (negative ? "-" : "") + "¥" + whole + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
