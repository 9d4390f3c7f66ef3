import Compliance
import Diagnostics
import FoundationEssentials

/// Paths as the HTML report shows them: never an absolute path of the machine that ran the audit, since
/// the report is handed to people outside it (a regulator, an auditor). An input under the source root
/// is shown relative to it; a pack file relative to the rules directory it was read from; anything else
/// by its last two components (`…/products/p.yaml`), which name the file without the machine's layout.
struct HTMLPaths {
    private let paths: ReportPaths
    /// Rules directories, without trailing slashes, longest first (a nested directory wins).
    private let rulesRoots: [String]

    init(options: ReportOptions) {
        paths = ReportPaths(sourceRoot: options.sourceRoot)
        rulesRoots = options.rulesRoots.map(Self.trimmed).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// An input file (a document, a tape, a waiver).
    func file(_ file: String) -> String {
        if let relative = paths.relative(file) { return relative }
        return Self.tail(file)
    }

    /// `file:line:column` with the file shown as `file(_:)` does.
    func location(_ location: SourceLocation) -> String {
        "\(file(location.file)):\(location.line):\(location.column)"
    }

    /// A pack's file: relative to its rules directory, else as an input.
    func pack(_ file: String) -> String {
        for root in rulesRoots {
            let prefix = root == "/" ? "/" : root + "/"
            if file.hasPrefix(prefix) { return String(file.dropFirst(prefix.count)) }
        }
        return self.file(file)
    }

    /// Free text built from paths (a replaced pack's file in the rule-change lines): each rules
    /// directory and the source root written out are dropped.
    func text(_ text: String) -> String {
        var out = text
        for root in rulesRoots + [paths.root] where root.hasPrefix("/") && root != "/" {
            out = out.replacingOccurrences(of: root + "/", with: "")
        }
        return out
    }

    /// The last two components of an absolute path, after `…/`; a relative path as it is.
    static func tail(_ file: String) -> String {
        guard file.hasPrefix("/") else { return file }
        let parts = file.split(separator: "/")
        return "…/" + parts.suffix(2).joined(separator: "/")
    }

    private static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }
}
