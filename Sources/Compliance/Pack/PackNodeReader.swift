import Diagnostics
import RuleLanguage
import YAML

/// Strict reading of a pack's YAML mappings: unknown keys, missing keys and bad values are collected
/// as diagnostics with "did you mean" hints, so a broken pack fails closed with every problem listed.
struct PackNodeReader {
    var diagnostics: [Diagnostic] = []

    /// The entries of `node` as a dictionary, reporting keys outside `allowed` and absent `required` ones.
    mutating func fields(
        of node: Node, in context: String, allowed: [String], required: [String]
    ) -> [String: Node]? {
        guard let entries = node.mapping else {
            error("expected a mapping for \(context), found a \(node.kindName)", node.location)
            return nil
        }
        var result: [String: Node] = [:]
        for entry in entries {
            let key = entry.key.scalar?.text ?? ""
            if allowed.contains(key) {
                result[key] = entry.value
            } else {
                error("unknown key '\(key)' in \(context)", entry.key.location,
                      hint: Suggestions.hint(for: key, in: allowed) ?? "allowed: \(allowed.joined(separator: ", "))")
            }
        }
        for key in required where result[key] == nil {
            error("\(context) is missing '\(key)'", node.location)
        }
        return result
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let text = node.scalar?.text, !node.isNull else {
            error("expected text for \(what), found a \(node.kindName)", node.location)
            return nil
        }
        return text
    }

    mutating func date(_ node: Node?, _ what: String) -> CivilDate? {
        guard let text = string(node, what), let node else { return nil }
        do {
            return try UnitParser.date(text)
        } catch {
            diagnostics.append(error.diagnostic(in: text, origin: node.textOrigin))
            return nil
        }
    }

    mutating func boolean(_ node: Node?, _ what: String) -> Bool? {
        guard string(node, what) != nil, let node else { return nil }
        switch BooleanScalar.read(node, what) {
        case .success(let value): return value
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    /// An `http:` or `https:` address. Links of a pack reach SARIF `helpUri` and the Markdown and HTML
    /// reports, where a `javascript:`, `data:` or `file:` link would run or open something when clicked;
    /// characters that end a link in Markdown or HTML (space, `<`, `>`, `"`, backtick) and control or
    /// bidi characters are refused too.
    mutating func webAddress(_ node: Node?, _ what: String) -> String? {
        guard let text = string(node, what), let node else { return nil }
        let lowered = text.lowercased()
        let scheme = lowered.hasPrefix("https://") ? "https://" : lowered.hasPrefix("http://") ? "http://" : nil
        guard let scheme else {
            error("\(what) must be an http or https address, found '\(text)'", node.location,
                  hint: "link to the official text, e.g. https://www.gov.cn/…; other schemes (javascript:, data:, file:) are not allowed")
            return nil
        }
        let host = text.dropFirst(scheme.count).prefix { !"/?#".contains($0) }
        if host.isEmpty {
            error("\(what) has no host name: '\(text)'", node.location, hint: "write the full address, e.g. https://www.gov.cn/…")
            return nil
        }
        if let bad = text.unicodeScalars.first(where: { $0 == " " || "<>\"`\\".unicodeScalars.contains($0) || DisplayText.escape($0) != nil }) {
            error("\(what) contains '\(DisplayText.escape(bad) ?? String(bad))', which cannot be part of a link", node.location,
                  hint: "percent-encode it (a space is %20)")
            return nil
        }
        return text
    }

    mutating func localized(_ node: Node?, _ what: String) -> LocalizedText? {
        guard let node else { return nil }
        guard let fields = fields(of: node, in: what, allowed: ["zh", "en"], required: ["zh", "en"]),
              let zh = string(fields["zh"], "\(what).zh"), let en = string(fields["en"], "\(what).en") else { return nil }
        return LocalizedText(zh: zh, en: en)
    }

    mutating func oneOf<T: RawRepresentable>(_ node: Node?, _ what: String, as type: T.Type) -> T?
    where T.RawValue == String, T: CaseIterable {
        guard let text = string(node, what), let node else { return nil }
        guard let value = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue)
            error("'\(text)' is not a valid \(what)", node.location,
                  hint: Suggestions.hint(for: text, in: names) ?? "one of: \(names.joined(separator: ", "))")
            return nil
        }
        return value
    }

    mutating func error(_ message: String, _ location: SourceLocation?, hint: String? = nil) {
        diagnostics.append(.error(message, at: location, hint: hint))
    }
}

extension PackStatus: CaseIterable {
    public static let allCases: [PackStatus] = [.inForce, .draft, .superseded]
}

extension RuleSubject: CaseIterable {
    public static let allCases: [RuleSubject] = [.loanProduct, .institution, .loan, .loanGroup]
}
