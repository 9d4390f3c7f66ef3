#!/usr/bin/env python3
"""Checks that the JSON Schema for editors and loancheck's loader agree, file by file.

The corpus (every file is one YAML document):
  - every ```yaml block of docs/documents.md that starts a document (`kind:`; blocks fenced ```yaml excerpt
    show only some fields and are left out), and the product,
    institution and waiver files of Examples/: both must accept them;
  - Tests/SchemaCorpus/spellings.tsv: one value per line, put into the template that holds its slot,
    with the expected verdict (accept or reject) for both;
  - Tests/SchemaCorpus/documents/accept-*.yaml and reject-*.yaml: whole documents;
  - Tests/SchemaCorpus/differences/*.yaml: what the schema cannot see (a check that spans values, a YAML
    number read as its value): loancheck must reject each and the schema accept it, so the list in
    docs/documents.md cannot go stale.

The loader's verdict is `loancheck validate` (exit 0 or 2) with the file's context (the institutions it
names); the schema's is check-jsonschema on the file. Exit status 0 when every file agrees, 1 otherwise.
"""
import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Tests", "SchemaCorpus")


class Case:
    def __init__(self, name, path, expected, context, schema_expected=None):
        self.name = name
        self.path = path
        # What both must say ("accept" / "reject"); for a documented difference, the loader's verdict.
        self.expected = expected
        self.schema_expected = schema_expected or expected
        self.context = context
        self.loader = None
        self.loader_message = ""
        self.schema = None
        self.schema_message = ""


def documentation_cases(work):
    cases = []
    text = open(os.path.join(ROOT, "docs", "documents.md"), encoding="utf-8").read()
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if re.match(r"(#.*\n)*kind: ", b)]
    paths = []
    for index, block in enumerate(blocks):
        path = os.path.join(work, "docs", "documents-md-%02d.yaml" % (index + 1))
        write(path, block)
        paths.append(path)
    for path in paths:
        # The examples are one set: each names the others.
        cases.append(Case(os.path.relpath(path, work), path, "accept", [p for p in paths if p != path]))
    examples = []
    for directory in ["institutions", "products", "waivers"]:
        folder = os.path.join(ROOT, "Examples", directory)
        examples += [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith(".yaml")]
    for path in examples:
        cases.append(Case(os.path.relpath(path, ROOT), path, "accept", [p for p in examples if p != path]))
    return cases


def spelling_cases(work):
    defaults = dict(read_tsv(os.path.join(CORPUS, "templates", "defaults.tsv"), 2))
    templates = {}
    for name in sorted(os.listdir(os.path.join(CORPUS, "templates"))):
        if name.endswith(".yaml"):
            templates[name] = open(os.path.join(CORPUS, "templates", name), encoding="utf-8").read()
    cases = []
    for number, (slot, value, expected) in enumerate(read_tsv(os.path.join(CORPUS, "spellings.tsv"), 3), start=1):
        if expected not in ("accept", "reject"):
            sys.exit("check-schema: spellings.tsv: expected accept or reject, not %r" % expected)
        holders = [name for name, text in templates.items() if "${%s}" % slot in text]
        if len(holders) != 1:
            sys.exit("check-schema: spellings.tsv: no template holds the slot %r" % slot)
        text = templates[holders[0]]
        for other, default in defaults.items():
            text = text.replace("${%s}" % other, value if other == slot else default)
        path = os.path.join(work, "spellings", "%03d-%s.yaml" % (number, slot))
        write(path, text)
        cases.append(Case("spellings.tsv:%s: %s" % (slot, value), path, expected, [os.path.join(CORPUS, "base.yaml")]))
    return cases


def document_cases():
    cases = []
    folder = os.path.join(CORPUS, "documents")
    for name in sorted(os.listdir(folder)):
        expected = "accept" if name.startswith("accept-") else "reject" if name.startswith("reject-") else None
        if expected is None:
            sys.exit("check-schema: %s: a corpus document is named accept-… or reject-…" % name)
        cases.append(Case("documents/" + name, os.path.join(folder, name), expected, [os.path.join(CORPUS, "base.yaml")]))
    folder = os.path.join(CORPUS, "differences")
    for name in sorted(os.listdir(folder)):
        cases.append(Case("differences/" + name, os.path.join(folder, name), "reject", [os.path.join(CORPUS, "base.yaml")],
                          schema_expected="accept"))
    return cases


def read_tsv(path, columns):
    rows = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != columns:
            sys.exit("check-schema: %s: expected %d tab-separated columns: %r" % (path, columns, line))
        rows.append(parts)
    return rows


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(text)


def loader_verdict(loancheck, case):
    result = subprocess.run([loancheck, "validate"] + case.context + [case.path], capture_output=True, text=True)
    if result.returncode not in (0, 2):
        return case, "error", (result.stderr or result.stdout).strip()
    lines = result.stderr.splitlines()
    first = next((line for line in lines if ": error" in line), lines[0] if lines else "")
    return case, "accept" if result.returncode == 0 else "reject", first


def schema_verdicts(validator, schema, cases):
    result = subprocess.run([validator, "--schemafile", schema, "--output-format", "json"] + [c.path for c in cases],
                            capture_output=True, text=True)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.exit("check-schema: check-jsonschema gave no JSON report:\n" + result.stdout + result.stderr)
    problems = {}
    for error in report.get("errors", []):
        problems.setdefault(error["filename"], "%s: %s" % (error["path"], error.get("best_deep_match", error)["message"]))
    for error in report.get("parse_errors", []):
        problems.setdefault(error["filename"], "parse error: " + error["message"])
    for case in cases:
        case.schema = "reject" if case.path in problems else "accept"
        case.schema_message = problems.get(case.path, "")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--loancheck", required=True)
    parser.add_argument("--validator", required=True)
    arguments = parser.parse_args()
    # A directory of its own: `make check-schema` and the Swift test may run at the same time.
    work = tempfile.mkdtemp(prefix="loancheck-schema-check-")
    schema = os.path.join(work, "loancheck.schema.json")
    with open(schema, "w", encoding="utf-8") as out:
        subprocess.run([arguments.loancheck, "schema", "--json-schema"], stdout=out, check=True)

    cases = documentation_cases(work) + spelling_cases(work) + document_cases()
    schema_verdicts(arguments.validator, schema, cases)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        for case, verdict, message in pool.map(lambda c: loader_verdict(arguments.loancheck, c), cases):
            case.loader, case.loader_message = verdict, message

    failures = 0
    for case in cases:
        if case.loader == case.expected and case.schema == case.schema_expected:
            continue
        failures += 1
        print("check-schema: FAIL %s" % case.name)
        print("  expected: loancheck %s, schema %s" % (case.expected, case.schema_expected))
        print("  loancheck %s%s" % (case.loader, ": " + case.loader_message if case.loader_message else ""))
        print("  schema    %s%s" % (case.schema, ": " + case.schema_message if case.schema_message else ""))
    agreeing = [c for c in cases if c.schema_expected == c.expected]
    accepted = sum(1 for c in agreeing if c.expected == "accept")
    if failures:
        print("check-schema: %d of %d files failed (the generated files are kept in %s)" % (failures, len(cases), work))
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("check-schema: ok — %d files: schema and loader agree on %d (%d accepted, %d rejected); %d documented differences"
          % (len(cases), len(agreeing), accepted, len(agreeing) - accepted, len(cases) - len(agreeing)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
