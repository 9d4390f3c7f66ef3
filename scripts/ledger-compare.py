#!/usr/bin/env python3
"""Per ledger rule, the counts of a generated tape's manifest, of loancheck's JSON report and of the
DuckDB anchor, side by side (scripts/benchmark-ledger.sh; docs/performance.md, "Ledger audits").

    ledger-compare.py EXPECTED.json LOANCHECK.json ANCHOR.csv

Counts are error/warning/cannot-evaluate. loancheck's come from `summary.byRule` when the report has
it; otherwise from the findings listed (capped by --max-findings-per-rule). Then each injected case of
the manifest is looked up among loancheck's findings: a loan case by rule and loan_id (severity, and
cannot-evaluate), a group case by rule, its loans (the finding's largest contributors) and its sum; a
passing, exempt or not-applicable case must have no finding. A rule whose list is capped is skipped
for absent findings. Exits 1 when any count or case differs, or when the anchor's validation found a
problem.
"""
from decimal import Decimal
import csv
import json
import sys


def triple(error, warning, cannot):
    return f"{error}/{warning}/{cannot}"


def main(expected_path, report_path, anchor_path):
    with open(expected_path, encoding="utf-8") as handle:
        manifest = json.load(handle)
    expected = manifest["totals"]
    loancheck, source = {}, "byRule"
    try:
        with open(report_path, encoding="utf-8") as handle:
            report = json.load(handle)
    except (OSError, ValueError) as error:
        report, source = None, f"no report ({error.__class__.__name__})"
    if report is not None:
        by_rule = (report.get("summary") or {}).get("byRule")
        if by_rule:
            for rule, counts in by_rule.items():
                error, cannot = counts.get("error", 0), counts.get("cannotEvaluate", 0)
                want = expected.get(rule)
                # A cannot-evaluate finding has severity error: byRule may count it in both columns.
                if cannot and want and error == want["error"] + cannot and want["cannotEvaluate"] == cannot:
                    error -= cannot
                    source = "byRule (error includes cannotEvaluate)"
                loancheck[rule] = triple(error, counts.get("warning", 0), cannot)
        else:
            source = "listed findings"
            tallies = {}
            for finding in report.get("findings", []):
                if finding.get("subject", {}).get("kind") not in ("Loan", "LoanGroup"):
                    continue
                tally = tallies.setdefault(finding["rule"], [0, 0, 0])
                if str(finding.get("message", "")).startswith("cannot evaluate"):
                    tally[2] += 1
                elif finding.get("severity") == "error":
                    tally[0] += 1
                elif finding.get("severity") == "warning":
                    tally[1] += 1
            loancheck = {rule: triple(*counts) for rule, counts in tallies.items()}
    anchor, problems = {}, []
    with open(anchor_path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["section"] == "validation":
                if row["error"] != "0":
                    problems.append(f"{row['name']}: {row['error']}")
            else:
                anchor[row["name"]] = triple(row["error"], row["warning"], row["cannot_evaluate"])

    print(f"{'rule':38} {'expected':>12} {'loancheck':>12} {'duckdb':>12}   (error/warning/cannot-evaluate; loancheck from {source})")
    differs = False
    for rule, counts in expected.items():
        want = triple(counts["error"], counts["warning"], counts["cannotEvaluate"])
        got = loancheck.get(rule, "-")
        sql = anchor.get(rule, "-")
        if rule not in loancheck and want == "0/0/0":
            got = "0/0/0?"   # no finding listed: either checked and clean, or not checked at all
        mark = "" if got in (want, "0/0/0?") and sql == want else "   <- differs"
        differs |= bool(mark)
        print(f"{rule:38} {want:>12} {got:>12} {sql:>12}{mark}")
    # Rules outside §8.2 (the product rules over the institutions) must find nothing in a generated tape.
    extra = sorted(rule for rule in set(loancheck) - set(expected) if loancheck[rule] != "0/0/0")
    for rule in extra:
        print(f"{rule:38} {'-':>12} {loancheck[rule]:>12} {'-':>12}   <- not a §8.2 rule id")
    if problems:
        print("anchor validation problems: " + "; ".join(problems))
    wrong = check_cases(manifest, report) if report is not None else ["no report"]
    for line in wrong:
        print("case: " + line)
    return 1 if differs or problems or extra or wrong else 0


def amount(text):
    return Decimal(str(text).replace("¥", "").replace(",", ""))


def check_cases(manifest, report):
    """The injected cases against the findings listed; returns what does not match."""
    findings = [f for f in report.get("findings", []) if f.get("subject", {}).get("kind") in ("Loan", "LoanGroup")]
    by_rule = (report.get("summary") or {}).get("byRule") or {}
    listed = {}
    for finding in findings:
        listed[finding["rule"]] = listed.get(finding["rule"], 0) + 1

    def capped(rule):
        counts = by_rule.get(rule, {})
        return listed.get(rule, 0) < counts.get("error", 0) + counts.get("warning", 0) + counts.get("info", 0)

    wrong, checked = [], 0
    loan_findings = {(f["rule"], f["subject"]["id"]): f for f in findings if f["subject"]["kind"] == "Loan"}
    for case in manifest["loans"]:
        finding = loan_findings.get((case["rule"], case["loan_id"]))
        outcome = case["outcome"]
        if finding is None and capped(case["rule"]):
            continue
        checked += 1
        if outcome in ("error", "warning", "cannot-evaluate"):
            if finding is None:
                wrong.append(f"{case['rule']} {case['loan_id']} (line {case['line']}): expected {outcome}, no finding")
            elif (outcome == "cannot-evaluate") != bool(finding.get("cannotEvaluate")) or \
                    (outcome != "cannot-evaluate" and finding["severity"] != outcome):
                wrong.append(f"{case['rule']} {case['loan_id']}: expected {outcome}, found {finding['severity']}"
                             f"{' (cannot evaluate)' if finding.get('cannotEvaluate') else ''}")
        elif finding is not None:
            wrong.append(f"{case['rule']} {case['loan_id']} (line {case['line']}): expected {outcome}, found {finding['severity']}")
    for case in manifest["groups"]:
        ids = {loan["loan_id"] for loan in case["loans"]}
        matches = [f for f in findings if f["rule"] == case["rule"] and f["subject"]["kind"] == "LoanGroup"
                   and {entry["loanId"] for entry in (f.get("ledger") or {}).get("largest", [])} & ids]
        if not matches and capped(case["rule"]):
            continue
        checked += 1
        if case["outcome"] in ("error", "warning"):
            if not matches:
                wrong.append(f"{case['rule']} {case['key']}: expected {case['outcome']} at {case['sum']}, no finding")
            elif amount(matches[0]["evidence"]["actual"]) != amount(case["sum"]) or matches[0]["severity"] != case["outcome"]:
                wrong.append(f"{case['rule']} {case['key']}: expected {case['outcome']} at {case['sum']}, found "
                             f"{matches[0]['severity']} at {matches[0]['evidence']['actual']}")
        elif matches:
            wrong.append(f"{case['rule']} {case['key']}: expected {case['outcome']} at {case['sum']}, found "
                         f"{matches[0]['severity']} at {matches[0]['evidence']['actual']}")
    print(f"injected cases: {checked} checked against the findings listed, {len(wrong)} wrong")
    return wrong


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
