#!/usr/bin/env bash
# Checks a loancheck HTML report as a browser renders it: headless Chromium loads the page and dumps the
# DOM, and python3 asserts on it.
#
# Usage: scripts/check-html-report.sh REPORT.html [EXPECTED…]
#
# Each EXPECTED is either
#   a JSON report of the same audit (a file ending in .json, from `loancheck audit … --format json`):
#     the counts of the HTML report (by severity, per rule, per subject, findings listed) must equal
#     those of the JSON report, and its as-of date, tool version, packs (with SHA-256), inputs (with
#     SHA-256) and waivers must be in the stamp; or
#   a rule id (e.g. CN-BANK-CREDIT-LINE) that must be listed in the appendix.
#
# Always checked: the document (doctype, <html lang>, one <h1>, headings in order, no script, no external
# resources), the sections `cover`, `summary`, `findings`, `scope`, `appendix`, `stamp` in that order
# (the findings before the scope lists), no absolute path of the machine in the text, the charts
# (role="img" with a <title>), the matrix legend, the tables (<caption>, <th scope>), the summary total
# against the findings listed plus a ledger rule's unlisted ones.
#
# With a JSON report, also: every finding once (by its fingerprint, SHA-256 of rule + subject + path),
# its subject shown with borrower keys hashed and those keys nowhere in the page, the chart's counts
# against summary.byRule (true totals), and the ledger section's rules against the JSON report.
#
# Debian `chromium` is installed only when missing (apt-get, about 100 MB). Exit status: 0 the report
# passes, 1 a check failed (every failure is printed), 2 a usage error or Chromium could not run.
set -euo pipefail

die() { echo "check-html-report: $*" >&2; exit 2; }

[ $# -ge 1 ] || die "usage: scripts/check-html-report.sh REPORT.html [REPORT.json] [RULE-ID…]"
report="$1"
shift
[ -f "$report" ] || die "no report at '$report' (write one with: loancheck audit … --format html --output $report)"
for expected in "$@"; do
  case "$expected" in
    *.json) [ -f "$expected" ] || die "no JSON report at '$expected'" ;;
  esac
done
command -v python3 >/dev/null 2>&1 || die "python3 is required"

chromium_bin="$("$(dirname "$0")/find-chromium.sh")" || die "no Chromium to run the report in"

abs_report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
dom="$(mktemp "${TMPDIR:-/tmp}/check-html-report.XXXXXX")"
trap 'rm -f "$dom"' EXIT
if ! "$chromium_bin" --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions \
    --dump-dom "file://$abs_report" >"$dom" 2>/dev/null || [ ! -s "$dom" ]; then
  die "Chromium could not render $report"
fi

python3 - "$dom" "$@" <<'PY'
import collections
import hashlib
import json
import os
import re
import sys
from html.parser import HTMLParser

dom_path, expected = sys.argv[1], sys.argv[2:]
failures = []


def fail(message):
    failures.append(message)


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.text = [], []

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def inner_text(self):
        return "".join(self.text) + "".join(child.inner_text() for child in self.children)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class DOM(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root
        self.elements = []
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.elements.append(element)

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.text.append(data)


with open(dom_path, encoding="utf-8") as handle:
    parser = DOM()
    parser.feed(handle.read())
elements = parser.elements


def find(tag=None, **attrs):
    result = []
    for element in elements:
        if tag is not None and element.tag != tag:
            continue
        if all(element.attrs.get(key.replace("_", "-")) == value if value is not True
               else key.replace("_", "-") in element.attrs for key, value in attrs.items()):
            result.append(element)
    return result


def count_attr(element, name):
    try:
        return int(element.attrs.get(name, ""))
    except ValueError:
        fail(f"<{element.tag}> has a non-numeric {name}={element.attrs.get(name)!r}")
        return -1


# --- The document ---------------------------------------------------------------------------------
if (parser.doctype or "").lower() != "doctype html":
    fail(f"the doctype is {parser.doctype!r}, not 'DOCTYPE html'")
html = find("html")
if not html or not html[0].attrs.get("lang"):
    fail("<html> has no lang attribute")
titles = [t for t in find("title") if not any(a.tag == "svg" for a in t.ancestors())]
if not titles or not titles[0].inner_text().strip():
    fail("the document has no <title>")
if find("script"):
    fail(f"the report holds {len(find('script'))} <script> element(s)")
for element in elements:
    for name in ("src", "href", "xlink:href", "srcset", "action"):
        value = element.attrs.get(name)
        if value is not None and not value.startswith("#"):
            fail(f"<{element.tag} {name}={value!r}> points outside the report")
    if element.tag == "link":
        fail(f"<link> element: {element.attrs}")
    if "@import" in (element.inner_text() if element.tag == "style" else "") or "url(" in element.attrs.get("style", ""):
        fail("a style sheet loads a resource")
for style in find("style"):
    if "url(" in style.inner_text() or "@import" in style.inner_text():
        fail("the style sheet loads a resource (url() or @import)")

# The report goes to people outside the machine: none of its directories may show.
with open(dom_path, encoding="utf-8") as handle:
    page = handle.read()
for directory in sorted({os.getcwd(), os.path.expanduser("~")}):
    if directory not in ("", "/") and re.search(re.escape(directory) + r"(/|\b)", page):
        fail(f"the report prints the absolute path {directory}")

headings = [e for e in elements if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
if [h.tag for h in headings].count("h1") != 1:
    fail(f"{[h.tag for h in headings].count('h1')} <h1> elements, expected 1")
previous = 0
for heading in headings:
    level = int(heading.tag[1])
    if level > previous + 1:
        fail(f"heading <{heading.tag}> {heading.inner_text().strip()[:60]!r} skips a level after <h{previous}>")
    previous = level

# --- Sections -------------------------------------------------------------------------------------
order = ["cover", "summary", "findings", "scope", "appendix", "stamp"]
positions = {}
for index, element in enumerate(elements):
    if element.attrs.get("id") in order and element.attrs["id"] not in positions:
        positions[element.attrs["id"]] = index
for section in order:
    if section not in positions:
        fail(f"no section with id '{section}'")
present = [s for s in order if s in positions]
if sorted(present, key=positions.get) != present:
    fail(f"the sections are not in the order {order}")
ids = collections.Counter(e.attrs["id"] for e in elements if "id" in e.attrs)
for value, number in ids.items():
    if number > 1:
        fail(f"the id '{value}' is used {number} times")
for element in elements:
    href = element.attrs.get("href", "")
    if href.startswith("#") and href[1:] not in ids:
        fail(f"the link {href} points at no element")

# --- Tables and charts ----------------------------------------------------------------------------
for table in find("table"):
    if not any(child.tag == "caption" for child in table.children):
        fail(f"a table (id={table.attrs.get('id')!r}) has no <caption>")
for th in find("th"):
    if th.attrs.get("scope") not in ("col", "row"):
        fail(f"<th> {th.inner_text().strip()[:40]!r} has no scope")
charts = find("svg")
if not charts:
    fail("the report has no SVG chart")
for svg in charts:
    if svg.attrs.get("role") != "img":
        fail(f"the chart {svg.attrs.get('id')!r} has no role=\"img\"")
    if not any(child.tag == "title" and child.inner_text().strip() for child in svg.children):
        fail(f"the chart {svg.attrs.get('id')!r} has no <title>")
    if not svg.attrs.get("aria-labelledby") and not svg.attrs.get("aria-label"):
        fail(f"the chart {svg.attrs.get('id')!r} has no accessible name")
states = {"fail", "warning", "waived", "cannot-evaluate", "pass", "not-applicable", "not-in-force", "exempt-closed"}
# A compact report (many subjects) draws only some subjects: the legend then says how many cells of each
# state are drawn (data-drawn) beside the count of all checks (data-count).
legend = {e.attrs["data-state"]: count_attr(e, "data-drawn" if "data-drawn" in e.attrs else "data-count")
          for e in find("li", data_state=True)}
if set(legend) != states:
    fail(f"the matrix legend lists {sorted(legend)}, expected {sorted(states)}")
cells = find("g", data_state=True)
for cell in cells:
    if cell.attrs["data-state"] not in states:
        fail(f"a matrix cell has the unknown state {cell.attrs['data-state']!r}")
cell_counts = collections.Counter(cell.attrs["data-state"] for cell in cells)
for state, number in legend.items():
    if cell_counts.get(state, 0) != number:
        fail(f"the legend counts {number} '{state}' checks, the matrices show {cell_counts.get(state, 0)}")

severity = {e.attrs["data-severity"]: count_attr(e, "data-count")
            for e in find("td", data_severity=True) if any(a.attrs.get("id") == "summary-severity" for a in e.ancestors())}
if set(severity) != {"error", "warning", "info", "cannotEvaluate", "waived", "total"}:
    fail(f"the summary counts by severity are {sorted(severity)}")
elif severity["total"] != sum(severity[k] for k in ("error", "warning", "info", "cannotEvaluate", "waived")):
    fail("the summary total is not the sum of the severities")
articles = find("article", data_rule=True)
# A ledger rule lists at most --max-findings-per-rule failures; the summary counts them all.
ledger_rows = find("tr", data_ledger_rule=True)
unlisted = sum(count_attr(tr, "data-unlisted") for tr in ledger_rows)
if severity.get("total") is not None and severity["total"] != len(articles) + unlisted:
    fail(f"the summary counts {severity['total']} findings, the report lists {len(articles)} and {unlisted} are not listed")
for tr in ledger_rows:
    if count_attr(tr, "data-failures") != count_attr(tr, "data-listed") + count_attr(tr, "data-unlisted"):
        fail(f"ledger rule {tr.attrs['data-ledger-rule']}: failures are not listed + unlisted")
for table_id in ("summary-packs", "summary-institutions"):
    rows = [tr for tr in find("tr") if any(a.attrs.get("id") == table_id for a in tr.ancestors())]
    totals = [count_attr(td, "data-count") for tr in rows for td in tr.children if td.attrs.get("data-severity") == "total"]
    if table_id == "summary-packs" and sum(totals) != severity.get("total"):
        fail(f"the counts by pack add up to {sum(totals)}, not {severity.get('total')}")
    if table_id == "summary-institutions" and sum(totals) > (severity.get("total") or 0):
        fail(f"the counts by institution add up to {sum(totals)}, more than {severity.get('total')}")
appendix_rules = {tr.attrs["data-rule"] for tr in find("tr", data_rule=True)}
bars = {g.attrs["data-rule"]: g for g in find("g", data_rule=True) if "bar" in g.attrs.get("class", "").split()}
subjects = {s.attrs["data-subject"]: count_attr(s, "data-count") for s in find("section", data_subject=True)}

# --- Borrower keys --------------------------------------------------------------------------------
def short_hash(value):
    return "borrower#" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]


def shown_as(raw, shown):
    """The borrower parts of `raw` that `shown` hashes (`borrower#` + 8 hex of SHA-256), or None when
    `shown` is not `raw` with some parts hashed."""
    if raw == shown:
        return []
    pattern = "".join("(.+?)" if re.fullmatch(r"borrower#[0-9a-f]{8}", piece) else re.escape(piece)
                      for piece in re.split(r"(borrower#[0-9a-f]{8})", shown))
    hashes = re.findall(r"borrower#[0-9a-f]{8}", shown)
    match = re.fullmatch(pattern, raw)
    if match is None or any(short_hash(value) != digest for value, digest in zip(match.groups(), hashes)):
        return None
    return list(match.groups())


page_text = open(dom_path, encoding="utf-8").read()


def fingerprint(finding):
    key = f"{finding['rule']}|{finding['subject']['kind']}/{finding['subject']['id']}|{finding['path']}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


# --- Expected values ------------------------------------------------------------------------------
for item in expected:
    if not item.endswith(".json"):
        if item not in appendix_rules:
            fail(f"the rule {item} is not in the appendix")
        continue
    with open(item, encoding="utf-8") as handle:
        report = json.load(handle)
    for key in ("error", "warning", "info", "cannotEvaluate", "waived"):
        if severity.get(key) != report["summary"][key]:
            fail(f"summary {key}: the HTML report says {severity.get(key)}, the JSON report {report['summary'][key]}")
    findings = report["findings"]
    if len(articles) != len(findings):
        fail(f"the HTML report lists {len(articles)} findings, the JSON report {len(findings)}")
    per_rule = collections.Counter(f["rule"] for f in findings)
    waived_per_rule = collections.Counter(f["rule"] for f in findings if f["waived"])
    # The chart counts a rule's true totals (summary.byRule): a ledger rule's unlisted failures too.
    by_rule = report["summary"].get("byRule", {})

    def rule_total(rule):
        counts = by_rule.get(rule)
        return sum(counts[k] for k in ("error", "warning", "info", "cannotEvaluate", "waived")) if counts else per_rule.get(rule, 0)

    def rule_waived(rule):
        counts = by_rule.get(rule)
        return counts["waived"] if counts else waived_per_rule.get(rule, 0)

    for rule in per_rule:
        if rule not in appendix_rules:
            fail(f"the rule {rule} of a finding is not in the appendix")
        bar = bars.get(rule)
        if bar is None:
            fail(f"the rule {rule} has findings but no bar in the chart")
            continue
        if count_attr(bar, "data-count") != rule_total(rule):
            fail(f"rule {rule}: the chart counts {bar.attrs.get('data-count')} findings, the JSON report {rule_total(rule)}")
        if count_attr(bar, "data-waived") != rule_waived(rule):
            fail(f"rule {rule}: the chart counts {bar.attrs.get('data-waived')} waived, the JSON report {rule_waived(rule)}")
    for rule, bar in bars.items():
        if count_attr(bar, "data-count") != rule_total(rule):
            fail(f"rule {rule}: the chart counts {bar.attrs.get('data-count')} findings, the JSON report {rule_total(rule)}")
    per_subject = collections.Counter(f"{f['subject']['kind']}/{f['subject']['id']}" for f in findings)
    for subject, number in subjects.items():
        if number != per_subject.get(subject, 0):
            fail(f"{subject}: the HTML report lists {number} findings, the JSON report {per_subject.get(subject, 0)}")
    # Every finding once, by its fingerprint (rule + subject + path); its subject shown with borrower
    # keys hashed, and those keys nowhere in the page.
    by_fingerprint = {fingerprint(f): f for f in findings}
    listed = collections.Counter(a.attrs.get("data-fingerprint") for a in articles)
    if listed != collections.Counter(fingerprint(f) for f in findings):
        fail("the findings listed differ from the JSON report's (compared by fingerprint)")
    for article in articles:
        finding = by_fingerprint.get(article.attrs.get("data-fingerprint"))
        if finding is None:
            continue
        raw = f"{finding['subject']['kind']}/{finding['subject']['id']}"
        hidden = shown_as(raw, article.attrs.get("data-subject", ""))
        if hidden is None:
            fail(f"a finding about {raw!r} is shown as {article.attrs.get('data-subject')!r}")
            continue
        # A short key (under 6 characters) could occur in other text by chance: not searched for.
        for value in hidden:
            if len(value) >= 6 and value in page_text:
                fail(f"the borrower key of {finding['rule']} (hashed as {short_hash(value)}) appears in full in the page")
    ledger = report.get("ledger")
    if ledger is not None:
        if "ledger" not in ids:
            fail("the JSON report has a ledger audit, the HTML report no section 'ledger'")
        listed_per_rule = collections.Counter(f["rule"] for f in findings if f.get("ledger") is not None)
        for tr in ledger_rows:
            rule = tr.attrs["data-ledger-rule"]
            if rule in by_rule and count_attr(tr, "data-checked") != by_rule[rule]["checked"]:
                fail(f"ledger rule {rule}: checked {tr.attrs.get('data-checked')}, the JSON report {by_rule[rule]['checked']}")
            if count_attr(tr, "data-listed") != listed_per_rule.get(rule, 0):
                fail(f"ledger rule {rule}: {tr.attrs.get('data-listed')} listed, the JSON report lists {listed_per_rule.get(rule, 0)}")
    stamp = [e for e in elements if any(a.attrs.get("id") == "stamp" for a in e.ancestors())]
    stamp_attr = lambda name: {e.attrs[name] for e in stamp if name in e.attrs}
    if report["asOf"] not in stamp_attr("data-as-of"):
        fail(f"the stamp does not give the as-of date {report['asOf']}")
    cover_as_of = {e.attrs["data-as-of"] for e in elements if "data-as-of" in e.attrs and any(a.attrs.get("id") == "cover" for a in e.ancestors())}
    if cover_as_of != {report["asOf"]}:
        fail(f"the cover gives the as-of date {sorted(cover_as_of)}, not {report['asOf']}")
    if report["tool"]["version"] not in stamp_attr("data-tool-version"):
        fail(f"the stamp does not give the tool version {report['tool']['version']}")
    packs = {(e.attrs["data-pack"], e.attrs["data-sha256"]) for e in stamp if "data-pack" in e.attrs and "data-sha256" in e.attrs}
    for pack in report["packs"]:
        if (pack["id"], pack["sha256"]) not in packs:
            fail(f"the stamp does not give the pack {pack['id']} with SHA-256 {pack['sha256']}")
    inputs = {(e.attrs["data-input"], e.attrs["data-sha256"]) for e in stamp if "data-input" in e.attrs}
    def shown_path(path):
        """How the HTML report shows an input: relative to the working directory, else its last two
        components after `…/` (never the machine's absolute path)."""
        if not path.startswith("/"):
            return path[2:] if path.startswith("./") else path
        if path.startswith(os.getcwd() + "/"):
            return path[len(os.getcwd()) + 1:]
        return "…/" + "/".join(path.split("/")[-2:])
    for entry in report["inputs"]:
        if (shown_path(entry["path"]), entry["sha256"]) not in inputs:
            fail(f"the stamp does not give the input {shown_path(entry['path'])} with SHA-256 {entry['sha256']}")
    waivers = [(e.attrs["data-waiver-rule"], e.attrs["data-waiver-subject"], e.attrs.get("data-status")) for e in stamp if "data-waiver-rule" in e.attrs]
    for waiver in report["waivers"]:
        # A waiver of a group names its key: the stamp shows its borrower parts hashed.
        if not any(rule == waiver["rule"] and status == waiver["status"] and shown_as(waiver["subject"], subject) is not None
                   for rule, subject, status in waivers):
            fail(f"the stamp does not give the waiver {waiver['rule']} / {waiver['subject']} ({waiver['status']})")

if failures:
    for message in failures:
        print(f"check-html-report: {message}", file=sys.stderr)
    print(f"check-html-report: {len(failures)} check(s) failed", file=sys.stderr)
    sys.exit(1)
print(f"check-html-report: ok — {len(articles)} findings, {len(appendix_rules)} rules, {len(cells)} matrix cells, "
      f"{len(charts)} charts")
PY
