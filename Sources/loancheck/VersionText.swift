import Compliance
import LoanDomain

/// `loancheck --version`: the version, the git commit the binary was built from, and the shipped packs
/// it finds (the rules an audit would use, with their versions).
enum VersionText {
    static func full() -> String {
        var text = "loancheck \(LoanCheck.version)\ncommit: \(BuildInfo.commit)\n"
        guard let directory = RulesDirectory.locate() else { return text + "rules: not found (set LOANCHECK_RULES)\n" }
        do {
            let rules = try PackLoader().load(shipped: directory, extra: [], disabling: [])
            text += "rules: \(directory)\n"
            for pack in rules.packs {
                text += "  \(pack.id) \(pack.version) (\(pack.status.rawValue), \(pack.rules.count) rule\(pack.rules.count == 1 ? "" : "s"))\n"
            }
        } catch {
            text += "rules: \(directory) does not load (run `loancheck test` for the errors)\n"
        }
        return text
    }
}
