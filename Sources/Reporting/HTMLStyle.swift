/// The colours and the inline style sheet of the HTML report.
///
/// One style sheet for screen and print: A4 pages, a page break before each main section, table rows and
/// findings never cut across pages, table headers repeated, colours kept when printing. No web fonts:
/// system fonts with the CJK fonts of every common system (`cjkFonts`), so Chinese renders wherever one
/// of them is installed; a Chinese report puts them first.
enum HTMLStyle {
    /// Simplified-Chinese fonts: macOS/iOS, Noto and Source Han (Linux, Android), Windows, older Linux.
    static let cjkFonts = #""PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "#
        + #""Microsoft YaHei", "Microsoft JhengHei", "WenQuanYi Micro Hei", "Droid Sans Fallback""#
    /// Latin fonts of the common systems.
    static let latinFonts = #"system-ui, -apple-system, "Segoe UI", "Liberation Sans", "DejaVu Sans""#
    /// The whole stack, Latin first (an English report) or CJK first (`:lang(zh)`).
    static let fontStack = "\(latinFonts), \(cjkFonts), sans-serif"
    static let chineseFontStack = "\(cjkFonts), \(latinFonts), sans-serif"

    /// Fill and ink colours of the severities (bar chart segments, badges).
    static func colors(_ severity: String) -> (fill: String, ink: String) {
        switch severity {
        case "error": ("#cf222e", "#a40e26")
        case "warning": ("#d4a72c", "#7d4e00")
        case "info": ("#218bff", "#0550ae")
        case "cannotEvaluate": ("#8250df", "#6639ba")
        default: ("#afb8c1", "#57606a") // waived
        }
    }

    static let css: String = {
        var css = base
        for state in CheckCellState.allCases {
            let colors = state.colors
            css += ".state-\(state.rawValue) { background: \(colors.fill); color: \(colors.ink); }\n"
        }
        for severity in ["error", "warning", "info", "cannotEvaluate", "waived"] {
            let colors = Self.colors(severity)
            css += "article.finding.sev-\(severity) { border-left-color: \(colors.fill); }\n"
            css += ".badge.sev-\(severity) { color: \(colors.ink); }\n"
            css += ".swatch.sev-\(severity) { background: \(colors.fill); }\n"
        }
        return css
    }()

    private static let base = """
    @page { size: A4; margin: 16mm 14mm 18mm; }
    @page { @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #57606a; } }
    :root { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    html { font-family: \(fontStack); font-size: 10.5pt; line-height: 1.45;
      color: #1f2328; background: #fff; }
    html:lang(zh) { font-family: \(chineseFontStack); }
    body { margin: 0 auto; max-width: 186mm; padding: 12mm 8mm; }
    h1 { font-size: 24pt; line-height: 1.2; margin: 0.2em 0 0.4em; }
    h2 { font-size: 16pt; margin: 0 0 0.6em; padding-bottom: 0.2em; border-bottom: 2px solid #1f2328; }
    h3 { font-size: 13pt; margin: 1.4em 0 0.5em; }
    h4 { font-size: 11pt; margin: 1.2em 0 0.4em; }
    h5, h6 { font-size: 10.5pt; margin: 0 0 0.3em; }
    h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
    p { margin: 0.4em 0; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.9em;
      overflow-wrap: anywhere; }
    a { color: #0550ae; text-decoration: none; }
    main > section { break-before: page; page-break-before: always; padding-top: 4mm; }
    .kicker { text-transform: uppercase; letter-spacing: 0.08em; color: #57606a; font-size: 9pt; margin: 0; }
    .cover h1 { border-bottom: 4px solid #1f2328; padding-bottom: 0.3em; }
    .cover h2 { font-size: 13pt; border-bottom: 1px solid #d0d7de; margin-top: 1.2em; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25em 1.2em; margin: 0.6em 0;
      align-items: baseline; }
    dl.facts dt { font-weight: 600; color: #57606a; }
    dl.facts dd { margin: 0; }
    .verdict { font-size: 12pt; font-weight: 600; }
    nav.toc ol { margin: 0.3em 0; padding-left: 1.4em; columns: 2; }
    table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 9pt; }
    caption { text-align: left; font-weight: 600; padding: 0.3em 0; caption-side: top; }
    th, td { border: 1px solid #d0d7de; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
    thead th { background: #f6f8fa; }
    tbody th { font-weight: 600; }
    thead { display: table-header-group; }
    tr, li { break-inside: avoid; page-break-inside: avoid; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    th.num, td.num { width: 4.5em; }
    .zero { color: #8c959f; }
    .muted { color: #57606a; }
    .hash { font-size: 7.5pt; line-height: 1.3; }
    figure { margin: 0.6em 0 1.2em; }
    figure#figure-findings-per-rule { break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-weight: 600; margin-bottom: 0.3em; break-after: avoid; page-break-after: avoid; }
    svg.chart { display: block; max-width: 100%; height: auto; margin: 0.4em 0; break-inside: avoid; page-break-inside: avoid; }
    .legend { list-style: none; padding: 0; margin: 0.4em 0; display: flex; flex-wrap: wrap; gap: 0.3em 1.2em;
      font-size: 9pt; }
    .legend li { display: flex; align-items: center; gap: 0.4em; }
    .symbol { display: inline-block; min-width: 1.5em; text-align: center; border: 1px solid #d0d7de;
      border-radius: 3px; font-weight: 700; line-height: 1.4; }
    .swatch { display: inline-block; width: 1em; height: 1em; border-radius: 2px; vertical-align: -0.15em; }
    .group { break-before: auto; }
    section.subject { margin: 0 0 1em; }
    section.institution { border-top: 1px solid #d0d7de; margin-top: 1.4em; }
    section.product { break-inside: avoid; page-break-inside: avoid; }
    .subject-head { break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
    .subject-head h3, .subject-head h4, .subject-head h5, .subject-head h6 { margin-bottom: 0.2em; }
    .checks { font-size: 9pt; }
    table.rules thead th:nth-child(1) { width: 30%; }
    table.rules thead th:nth-child(2) { width: 22%; }
    table.rules thead th:nth-child(3) { width: 16%; }
    table.rules thead th:nth-child(4) { width: 17%; }
    table.rules tbody th { font-weight: 400; }
    table.rules .rule-name { font-weight: 600; }
    table#ledger-rules thead th:nth-child(1) { width: 34%; }
    td.capped, p.capped { font-weight: 600; }
    section.ledger-rule { margin: 0 0 1em; }
    .nowrap { white-space: nowrap; }
    .hash code { white-space: nowrap; }
    .subject-meta { color: #57606a; font-size: 9pt; margin: 0 0 0.4em; }
    article.finding { border: 1px solid #d0d7de; border-left: 5px solid; border-radius: 3px; padding: 0.5em 0.8em;
      margin: 0.6em 0; break-inside: avoid; page-break-inside: avoid; }
    article.finding.is-waived { background: #f6f8fa; }
    .finding dl.facts { font-size: 9pt; margin-bottom: 0; }
    .message { font-weight: 600; }
    .badge { display: inline-block; font-size: 8pt; font-weight: 700; text-transform: uppercase;
      border: 1px solid currentColor; border-radius: 3px; padding: 0 0.35em; margin-right: 0.4em; vertical-align: 0.1em; }
    .unverified { color: #9a6700; font-weight: 600; }
    .verified { color: #1a7f37; }
    blockquote.quote { margin: .4em 0 .2em; padding: .2em .6em; border-left: 3px solid #d0d7de; font-size: .95em; white-space: pre-line; }
    .rule-title { font-weight: 400; }
    .organisation { font-size: 13pt; font-weight: 600; margin: 0.6em 0 0; }
    #sign-off-table td.signature { width: 25%; height: 2.4em; }
    #sign-off-table td.signer { width: 30%; }
    details { margin: 0.4em 0 0.8em; }
    details > summary { cursor: pointer; font-weight: 600; padding: 0.2em 0; }
    details.quiet > summary { font-weight: 400; color: #57606a; }
    @media print {
      body { max-width: none; padding: 0; }
      a { color: inherit; }
      .cover { min-height: 240mm; }
    }

    """
}

extension CheckCellState {
    /// Cell background and symbol colour (the symbol carries the meaning; the colour helps).
    var colors: (fill: String, ink: String) {
        switch self {
        case .failed: ("#ffd8d3", "#a40e26")
        case .warning: ("#fff1b8", "#7d4e00")
        case .waived: ("#e6e9ed", "#424a53")
        case .cannotEvaluate: ("#f0e3ff", "#6639ba")
        case .passed: ("#d3f5dc", "#116329")
        case .notApplicable: ("#ffffff", "#6e7781")
        case .notInForce: ("#f2f4f6", "#6e7781")
        case .exemptClosed: ("#ddf0ff", "#0550ae")
        }
    }
}
