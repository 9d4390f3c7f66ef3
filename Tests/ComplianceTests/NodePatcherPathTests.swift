@testable import Compliance
import Testing

/// Patch paths of pack tests: dotted names, list indexes written `.1` or `[1]`.
@Suite struct NodePatcherPathTests {
    @Test func pathsSplitIntoNamesAndIndexes() {
        #expect(NodePatcher.split("pricing.fees.0.kind") == ["pricing", "fees", "0", "kind"])
        #expect(NodePatcher.split("funding[1].share") == ["funding", "1", "share"])
        #expect(NodePatcher.split("funding[1][2]") == ["funding", "1", "2"])
        #expect(NodePatcher.split("credit_line") == ["credit_line"])
    }

    /// As the earlier `replacing`/`split` did: `]` is dropped where it stands and empty parts are skipped.
    @Test func strayBracketsAndDotsLeaveNoEmptyParts() {
        #expect(NodePatcher.split(".a..b.") == ["a", "b"])
        #expect(NodePatcher.split("a]b") == ["ab"])
        #expect(NodePatcher.split("[]") == [])
        #expect(NodePatcher.split("") == [])
        #expect(NodePatcher.split("股东[0].持股") == ["股东", "0", "持股"])
    }
}
