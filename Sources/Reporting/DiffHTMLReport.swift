import Compliance
import Diagnostics
import RuleLanguage

/// `loancheck diff --format html`: one self-contained page (the audit report's style sheet) with the
/// sections `cover` (dates, packs, counts), `timeline` (every day in the window on which a rule or a
/// parameter changes, what changes and how many findings it causes to differ, between the two audit
/// dates), `appeared`, `disappeared` and `changed` (each finding as in the audit report, with its
/// change and causes) and `stamp` (packs and inputs with SHA-256). Every text from the inputs is escaped.
struct DiffHTMLReport {
    let diff: AuditDiff
    var options = ReportOptions()

    private static let css = """
    ol.timeline { list-style: none; padding: 0; margin: 0.6em 0; border-left: 3px solid #d0d7de; }
    ol.timeline li { margin: 0 0 0.6em; padding-left: 0.9em; position: relative; }
    ol.timeline li::before { content: ""; position: absolute; left: -0.5em; top: 0.35em; width: 0.7em; height: 0.7em;
      border-radius: 50%; background: #57606a; }
    ol.timeline li.audit::before { background: #0550ae; }
    ol.timeline time { font-weight: 700; font-variant-numeric: tabular-nums; margin-right: 0.6em; }
    p.cause { font-size: 9pt; margin: 0.3em 0 0; }
    p.change-line { font-size: 9pt; margin: 0.3em 0 0; font-weight: 600; }

    """

    func render() -> String {
        let labels = ReportLabels(language: diff.to.language)
        let title = "\(diff.to.toolName) \(zh ? "对比" : "diff") \(diff.from.asOf) → \(diff.to.asOf)"
        var out = """
        <!DOCTYPE html>
        <html lang="\(labels.htmlLanguage)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="\(HTMLEscaping.attribute("\(diff.to.toolName) \(diff.to.toolVersion)"))">
        <title>\(HTMLEscaping.text(title))</title>
        <style>
        \(HTMLStyle.css)\(Self.css)</style>
        </head>
        <body>
        <main>

        """
        out += cover(title)
        out += timeline()
        let before = ReportDigest(report: diff.from)
        let after = ReportDigest(report: diff.to)
        for kind in FindingChange.Change.allCases {
            let digest = kind == .disappeared ? before : after
            out += section(kind, findings: HTMLFindings(digest: digest, labels: labels, layout: HTMLLayout(digest: digest),
                                                        paths: HTMLPaths(options: options)))
        }
        out += stamp()
        return out + "</main>\n</body>\n</html>\n"
    }

    private var zh: Bool { diff.isChinese }

    /// `english`, or `chinese` in a `--lang zh` diff.
    private func say(_ english: String, _ chinese: String) -> String { zh ? chinese : english }

    private func fact(_ term: String, _ definition: String) -> String {
        HTML.text("dt", [], term) + HTML.element("dd", [], definition) + "\n"
    }

    private func cover(_ title: String) -> String {
        var out = "<section id=\"cover\" class=\"cover\" aria-labelledby=\"cover-title\">\n"
        out += HTML.text("p", [("class", "kicker")], "\(diff.to.toolName) \(diff.to.toolVersion)") + "\n"
        out += HTML.text("h1", [("id", "cover-title")], say("Regulatory impact", "监管影响") + " \(diff.from.asOf) → \(diff.to.asOf)") + "\n"
        out += "<dl class=\"facts\">\n"
        for (term, date) in [(say("From", "起始日"), diff.from.asOf), (say("To", "截止日"), diff.to.asOf)] {
            out += fact(term, HTML.element("time", [("datetime", date.description)], HTMLEscaping.text(date.description)))
        }
        out += fact(say("Audited", "审计范围"), HTMLEscaping.text(DiffWording.header(diff)))
        for line in diff.to.ruleChanges.lines { out += fact(say("Rules changed for this run", "本次运行更改的规则"), HTML.text("strong", [], line)) }
        out += fact(say("Result", "结果"), HTML.text("span", [("class", "verdict")], DiffWording.summary(diff)))
        out += "</dl>\n<nav class=\"toc\" aria-labelledby=\"toc-title\">\n" + HTML.text("h2", [("id", "toc-title")], say("Contents", "目录")) + "\n<ol>\n"
        for (id, name) in [("timeline", say("Timeline", "时间线"))] + FindingChange.Change.allCases.map({ ($0.rawValue, DiffWording.title($0, diff)) })
            + [("stamp", say("Reproducibility stamp", "可复现性标记"))] {
            out += "<li>" + HTML.text("a", [("href", "#" + id)], name) + "</li>\n"
        }
        return out + "</ol>\n</nav>\n</section>\n"
    }

    /// The two audit dates and every regime change between them, with how many findings each explains.
    private func timeline() -> String {
        var out = "<section id=\"timeline\" aria-labelledby=\"timeline-title\">\n" + HTML.text("h2", [("id", "timeline-title")], say("Timeline", "时间线")) + "\n"
        out += "<ol class=\"timeline\">\n"
        out += item(diff.from.asOf, kind: "audit", text: say("audit on \(diff.from.asOf): ", "\(diff.from.asOf) 审计：") + ReportWording(report: diff.from, chrome: diff.from.language).summaryLine)
        for event in diff.timeline {
            let explained = diff.changes.filter { change in
                change.causes.contains { if case .regime(_, let cause) = $0 { cause == event } else { false } }
            }.count
            var text = DiffWording.event(event, zh: zh)
            if explained > 0 { text += say(" — explains \(explained) finding\(explained == 1 ? "" : "s") below", " — 解释下文 \(explained) 项发现") }
            out += item(event.date, kind: event.kind.name, text: text, pack: event.packId)
        }
        out += item(diff.to.asOf, kind: "audit", text: say("audit on \(diff.to.asOf): ", "\(diff.to.asOf) 审计：") + ReportWording(report: diff.to, chrome: diff.to.language).summaryLine)
        out += "</ol>\n"
        if diff.timeline.isEmpty {
            out += HTML.text("p", [], say("No rule date or parameter value falls after \(diff.from.asOf) and on or before \(diff.to.asOf).",
                                          "没有规则日期或参数值落在 \(diff.from.asOf) 之后、\(diff.to.asOf) 当日或之前。")) + "\n"
        }
        return out + "</section>\n"
    }

    private func item(_ date: CivilDate, kind: String, text: String, pack: String? = nil) -> String {
        var attributes = [("class", kind == "audit" ? "audit" : "event"), ("data-date", date.description), ("data-kind", kind)]
        if let pack { attributes.append(("data-pack", pack)) }
        return HTML.element("li", attributes, HTML.element("time", [("datetime", date.description)], HTMLEscaping.text(date.description))
                            + HTMLEscaping.text(text)) + "\n"
    }

    private func section(_ kind: FindingChange.Change, findings: HTMLFindings) -> String {
        let changes = diff.changes(kind)
        var out = "<section id=\"\(kind.rawValue)\" aria-labelledby=\"\(kind.rawValue)-title\"" + HTML.attributes([("data-count", String(changes.count))]) + ">\n"
        out += HTML.text("h2", [("id", "\(kind.rawValue)-title")], "\(DiffWording.title(kind, diff))\(say(": ", "："))\(changes.count)") + "\n"
        if changes.isEmpty { out += HTML.text("p", [], say("None.", "无。")) + "\n" }
        for change in changes {
            var article = findings.finding(change.finding, level: 3)
            // The change and its causes go inside the finding's article, before it closes.
            var extra = DiffWording.changeLines(change, zh: zh).map { HTML.text("p", [("class", "change-line")], $0) + "\n" }.joined()
            extra += change.causes.map { cause in
                HTML.element("p", [("class", "cause"), ("data-cause", DiffWording.causeKind(cause))],
                             HTML.text("strong", [], say("Cause: ", "原因：")) + HTMLEscaping.text(DiffWording.cause(cause, zh: zh))) + "\n"
            }.joined()
            if article.hasSuffix("</article>\n") { article.removeLast("</article>\n".count) }
            out += article + extra + "</article>\n"
        }
        return out + "</section>\n"
    }

    private func stamp() -> String {
        var out = "<section id=\"stamp\" aria-labelledby=\"stamp-title\">\n" + HTML.text("h2", [("id", "stamp-title")], say("Reproducibility stamp", "可复现性标记")) + "\n"
        out += HTML.table(caption: say("Rule packs", "规则包"), headers: zh ? ["规则包", "版本", "状态", "SHA-256"] : ["Pack", "Version", "Status", "SHA-256"], rows: diff.to.packs.map { pack in
            "<tr>" + HTML.element("td", [], HTML.code(pack.id)) + HTML.text("td", [], pack.version) + HTML.text("td", [], pack.status.rawValue)
                + HTML.element("td", [("class", "hash")], HTML.digest(pack.sha256)) + "</tr>"
        }, attributes: [("id", "stamp-packs")])
        out += HTML.table(caption: say("Inputs", "输入"), headers: [say("File", "文件"), "SHA-256"], rows: diff.to.inputs.map { input in
            "<tr>" + HTML.element("td", [], HTML.code(PathBytes.shown(input.path))) + HTML.element("td", [("class", "hash")], HTML.digest(input.sha256)) + "</tr>"
        }, attributes: [("id", "stamp-inputs")])
        return out + "</section>\n"
    }
}
