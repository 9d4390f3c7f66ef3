import Configuration
import Diagnostics
import LoanDomain

/// Which documents a command reads: the paths given (`-` for standard input), the files left out by
/// the configuration's patterns and `--exclude`, and whether references must resolve.
struct DocumentRequest: Sendable {
    var paths: [String]
    var selection = FileSelection()
    /// The source root (the working directory), absolute: where relative paths start.
    var root = "."
    var requireReferences = true

    /// The files found, the files left out, and the problems of finding them.
    struct Discovery: Sendable {
        var files: [String]
        var skipped: [(file: String, reason: FileSelection.Reason)]
        var diagnostics: [Diagnostic]
    }

    init(paths: [String], selection: FileSelection = FileSelection(), root: String = ".", requireReferences: Bool = true) {
        self.paths = paths
        self.selection = selection
        self.root = root
        self.requireReferences = requireReferences
    }

    /// Walks the paths; standard input (`-`, at most once) is read where it is named.
    func discover() -> Discovery {
        let named = paths.filter { $0 != DocumentLoader.standardInput }
        let found = InputDiscovery().discover(named)
        let (kept, skipped) = selection.apply(found.files, root: root)
        var files = kept
        var diagnostics = found.diagnostics
        let stdinCount = paths.count - named.count
        if stdinCount > 0 { files.insert(DocumentLoader.standardInput, at: 0) }
        if stdinCount > 1 {
            diagnostics.append(.error("standard input ('-') is named \(stdinCount) times", at: nil, hint: "name it once"))
        }
        return Discovery(files: files, skipped: skipped, diagnostics: diagnostics)
    }
}
