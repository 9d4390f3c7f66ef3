import Diagnostics
import Testing

/// Locations share one name object per file; whether two locations share it must not change what they mean.
@Suite struct SourceFileNameTests {
    @Test func locationsOfOneFileAreEqualWhetherOrNotTheyShareTheNameObject() {
        let shared = SourceFileName("products/a.yaml")
        let viaShared = SourceLocation(fileName: shared, line: 3, column: 7)
        let viaText = SourceLocation(file: "products/a.yaml", line: 3, column: 7)
        #expect(viaShared == viaText)
        #expect(Set([viaShared, viaText]).count == 1)
        #expect(viaText.file == "products/a.yaml")
        #expect(viaShared.description == "products/a.yaml:3:7")
        #expect(viaShared != SourceLocation(fileName: shared, line: 3, column: 8))
        #expect(viaShared != SourceLocation(file: "products/b.yaml", line: 3, column: 7))
    }

    @Test func orderIsFileThenLineThenColumn() {
        let a = SourceFileName("a.yaml")
        let sorted = [
            SourceLocation(file: "b.yaml", line: 1, column: 1),
            SourceLocation(fileName: a, line: 2, column: 1),
            SourceLocation(file: "a.yaml", line: 1, column: 9),
            SourceLocation(fileName: a, line: 1, column: 2),
        ].sorted()
        #expect(sorted.map(\.description) == ["a.yaml:1:2", "a.yaml:1:9", "a.yaml:2:1", "b.yaml:1:1"])
    }

    @Test func anOptionalLocationTakesNoMoreRoomThanALocation() {
        #expect(MemoryLayout<Diagnostics.SourceLocation>.size == 16)
        #expect(MemoryLayout<Diagnostics.SourceLocation?>.stride == 16)
    }
}
