import Diagnostics
import Testing

@Suite struct LexicalPathTests {
    @Test func normalisesByName() {
        #expect(LexicalPath.absolute("products/../institutions/./a.yaml", from: "/repo/sub") == "/repo/sub/institutions/a.yaml")
        #expect(LexicalPath.absolute("../products//a.yaml", from: "/repo/sub") == "/repo/products/a.yaml")
        #expect(LexicalPath.absolute("/x/../../y/", from: "/repo") == "/y")
        #expect(LexicalPath.absolute(".", from: "/") == "/")
    }

    @Test func relativeToARoot() {
        #expect(LexicalPath.relative("/repo/products/a.yaml", to: "/repo") == "products/a.yaml")
        #expect(LexicalPath.relative("/repo", to: "/repo") == ".")
        #expect(LexicalPath.relative("/repository/a.yaml", to: "/repo") == nil)
        #expect(LexicalPath.relative("/a.yaml", to: "/") == "a.yaml")
    }

    @Test func tidyKeepsRelativePathsRelative() {
        #expect(LexicalPath.tidy("./loans.csv") == "loans.csv")
        #expect(LexicalPath.tidy("ledger/../tapes//loans.csv") == "tapes/loans.csv")
        #expect(LexicalPath.tidy("../../x/./y") == "../../x/y")
        #expect(LexicalPath.tidy("a/..") == ".")
        #expect(LexicalPath.tidy("/r/./a/../b") == "/r/b")
    }
}
