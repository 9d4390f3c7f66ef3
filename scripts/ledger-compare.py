#!/usr/bin/env python3
"""Per ledger rule, the counts of a generated tape's manifest, of loancheck's JSON report and of the
DuckDB anchor, side by side (scripts/benchmark-ledger.sh; docs/performance.md, "Ledger audits").

    ledger-compare.py EXPECTED.json LOANCHECK.json ANCHOR.csv

Counts are error/warning/cannot-evaluate. loancheck's come from `summary.byRule` when the report has
it; otherwise from the findings listed (marked "listed": capped by --max-findings-per-rule). Exits 1
when any count differs from the manifest's, or when the anchor's validation found a problem.
"""
import csv
import json
import sys


def triple(error, warning, cannot):
    return f"{error}/{warning}/{cannot}"


def main(expected_path, report_path, anchor_path):
    with open(expected_path, encoding="utf-8") as handle:
        expected = json.load(handle)["totals"]
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
    extra = sorted(set(loancheck) - set(expected))
    for rule in extra:
        print(f"{rule:38} {'-':>12} {loancheck[rule]:>12} {'-':>12}   <- not a §8.2 rule id")
    if problems:
        print("anchor validation problems: " + "; ".join(problems))
    return 1 if differs or problems or extra else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
