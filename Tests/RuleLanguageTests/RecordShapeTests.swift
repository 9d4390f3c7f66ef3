import Diagnostics
@testable import RuleLanguage
import Testing

/// Records keep their field names in shared shapes, and compiled field reads remember a slot per
/// shape: whatever order records of different shapes come in, every read gives that record's own value.
@Suite struct RecordShapeTests {
    @Test func recordsOfOneTypeWithTheSameFieldsShareAShape() {
        let first = Record(type: "ShapeTest.A", fields: ["x": .integer(1), "yy": .integer(2)])
        let second = Record(type: "ShapeTest.A", fields: [
            Record.Field(name: "yy", value: .integer(4), location: location(2, 3)),
            Record.Field(name: "x", value: .integer(3), location: nil),
        ])
        let otherFields = Record(type: "ShapeTest.A", fields: ["x": .integer(1)])
        let otherType = Record(type: "ShapeTest.B", fields: ["x": .integer(1), "yy": .integer(2)])
        #expect(first.shapeNumber != 0)
        #expect(first.shapeNumber == second.shapeNumber)
        #expect(first.shapeNumber != otherFields.shapeNumber)
        #expect(first.shapeNumber != otherType.shapeNumber)
        #expect(second.fields == ["x": .integer(3), "yy": .integer(4)])
        #expect(second.locations == ["yy": location(2, 3)])
        #expect(second.location(of: "x") == nil)
        #expect(second["zz"] == nil)
    }

    @Test func aRecordMadeBySettingSharesTheShapeOfOneMadeDirectly() {
        let base = Record(type: "ShapeTest.C", fields: ["a": .integer(1), "ccc": .integer(3)])
        let updated = base.setting([Record.Field(name: "bb", value: .integer(2), location: location(4, 5))])
        let direct = Record(type: "ShapeTest.C", fields: ["a": .integer(1), "bb": .integer(2), "ccc": .integer(3)])
        #expect(updated.shapeNumber == direct.shapeNumber)
        #expect(updated == direct)
        #expect(updated.hashValue == direct.hashValue)
        #expect(updated.location(of: "bb") == location(4, 5))
        #expect(updated != base)
    }

    /// Positions are kept as line and column with the file once; fields from another file (or a
    /// location object of another file with the same name) keep their full locations.
    @Test func fieldLocationsComeBackWhateverFileTheyAreIn() {
        let product = location(1, 1)
        let sameFile = SourceLocation(fileName: product.fileName, line: 9, column: 14)
        let otherFile = location(3, 5, file: "bank.yaml")
        let packed = Record(type: "ShapeTest.G", fields: [
            Record.Field(name: "a", value: .integer(1), location: sameFile),
            Record.Field(name: "b", value: .integer(2), location: nil),
        ], location: product)
        #expect(packed.location(of: "a") == sameFile)
        #expect(packed.location(of: "a")?.fileName === product.fileName)
        #expect(packed.location(of: "b") == nil)
        #expect(packed.locations == ["a": sameFile])
        let mixed = packed.setting([Record.Field(name: "c", value: .integer(3), location: otherFile)])
        #expect(mixed.locations == ["a": sameFile, "c": otherFile])
        #expect(mixed.location(of: "c")?.file == "bank.yaml")
        let unplaced = Record(type: "ShapeTest.G", fields: [
            Record.Field(name: "a", value: .integer(1), location: otherFile),
            Record.Field(name: "b", value: .integer(2), location: sameFile),
        ])
        #expect(unplaced.location == nil)
        #expect(unplaced.locations == ["a": otherFile, "b": sameFile])
        // Extreme lines and columns read back as they were clamped when the location was made.
        let far = SourceLocation(fileName: product.fileName, line: Int.max, column: Int.min)
        let extreme = Record(type: "ShapeTest.G", fields: [Record.Field(name: "a", value: .integer(1), location: far)],
                             location: product)
        #expect(extreme.location(of: "a") == far)
        #expect(extreme.location(of: "a")?.line == Int(Int32.max))
    }

    @Test func equalFieldsInDifferentTypesAreDifferentRecords() {
        let a = Record(type: "ShapeTest.D", fields: ["x": .integer(1)])
        let b = Record(type: "ShapeTest.E", fields: ["x": .integer(1)])
        #expect(a != b)
    }

    @Test func aRecordWithoutFieldsHasAShapeToo() {
        let empty = Record(type: "ShapeTest.F", fields: [:], location: location(7, 1))
        #expect(empty.fields.isEmpty)
        #expect(empty["x"] == nil)
        #expect(empty.location == location(7, 1))
        #expect(empty == Record(type: "ShapeTest.F", fields: [:]))
    }

    /// One compiled read over records whose shapes alternate: the field sits in different slots or is
    /// absent, so a remembered slot of one shape must never be used for another.
    @Test func aCompiledReadGivesEachShapeItsOwnSlot() throws {
        let expression = try Fixture.compile("product.balance_cap <= 20万")
        func product(_ extra: [String: Value]) -> Record {
            var fields = Fixture.product().fields
            fields.merge(extra) { _, new in new }
            return Record(type: "LoanProduct", fields: fields, location: location(1, 1))
        }
        var withoutCap = Fixture.product().fields
        withoutCap["balance_cap"] = nil
        let records = [
            product(["balance_cap": Fixture.money("20万")]),
            product(["balance_cap": Fixture.money("20万"), "income_cap": Fixture.percent("50%")]),
            Record(type: "LoanProduct", fields: withoutCap, location: location(1, 1)),
            product(["balance_cap": Fixture.money("200001")]),
            product(["balance_cap": Fixture.money("30万"), "income_cap": Fixture.percent("50%")]),
            Record(type: "LoanProduct", fields: withoutCap, location: location(1, 1)),
            product(["balance_cap": Fixture.money("19万")]),
        ]
        let expected = ["true", "true", "unknown", "false", "false", "unknown", "true"]
        // Twice, so the second pass starts from a slot remembered for the last shape.
        for _ in 0..<2 {
            let outcomes = records.map { record -> String in
                switch expression.evaluate(Fixture.bindings(product: record)) {
                case .value(let value, _): value.displayText
                case .unknown: "unknown"
                case .error(let diagnostic): "error: \(diagnostic.message)"
                }
            }
            #expect(outcomes == expected)
        }
    }

    @Test func hasReadsThroughTheSameRememberedSlots() throws {
        let expression = try Fixture.compile("has(product.income_cap)")
        var without = Fixture.product().fields
        without["income_cap"] = nil
        let records = [
            Fixture.product(incomeCap: "50%"),
            Record(type: "LoanProduct", fields: without),
            Fixture.product(incomeCap: "40%"),
            Record(type: "LoanProduct", fields: without),
        ]
        let outcomes = records.map { record -> String in
            if case .value(let value, _) = expression.evaluate(Fixture.bindings(product: record)) { return value.displayText }
            return "not a value"
        }
        #expect(outcomes == ["true", "false", "true", "false"])
    }
}

/// The sizes the audit's memory is planned on (docs/performance.md): a value is 32 bytes, a record's
/// field 40 (value, line and column), an enum value 24.
@Suite struct ValueLayoutTests {
    @Test func valuesAndSlotsKeepTheirSizes() {
        #expect(MemoryLayout<Value>.stride == 32)
        #expect(MemoryLayout<Record.Slot>.stride == 40)
        #expect(MemoryLayout<EnumValue>.size == 24)
    }

    @Test func enumValuesMadeApartAreEqualAndHashAlike() {
        let first = EnumValue(type: "LayoutTest.Kind", case: "local-bank")
        let second = EnumValue(type: String("LayoutTest.") + "Kind", case: "local-" + "bank")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(second.typeName == "LayoutTest.Kind")
        #expect(first != EnumValue(type: "LayoutTest.Other", case: "local-bank"))
        #expect(first != EnumValue(type: "LayoutTest.Kind", case: "city-bank"))
        #expect(Set([Value.enumeration(first), .enumeration(second)]).count == 1)
    }
}
