#!/usr/bin/env bash
# Validates loancheck's machine-readable reports against the reference schemas:
#   DIR/report.sarif  against the OASIS SARIF 2.1.0 JSON schema (jsonschema, draft 4)
#   DIR/report.xml    against the Apache Ant JUnit XSD (xmllint --schema)
#
# Usage: scripts/validate-reports.sh DIR
#
# The schemas are read from $LOANCHECK_SCHEMAS when set, else ../shared/schemas relative to the
# repository root when it exists, else the copies in Tests/Schemas (so a clone anywhere validates). The
# validators are installed only when missing: jsonschema (PyPI) into .build/venv-tools, Debian
# `libxml2-utils` for xmllint.
set -euo pipefail
JSONSCHEMA_VERSION=4.23.0

die() { echo "validate-reports: $*" >&2; exit 2; }

[ $# -eq 1 ] || die "usage: scripts/validate-reports.sh DIR  (DIR holds report.sarif and report.xml)"
dir="$1"
[ -d "$dir" ] || die "'$dir' is not a directory"

sarif="$dir/report.sarif"
junit="$dir/report.xml"
[ -f "$sarif" ] || die "missing $sarif (write it with: loancheck audit --format sarif --output $sarif)"
[ -f "$junit" ] || die "missing $junit (write it with: loancheck audit --format junit --output $junit)"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${LOANCHECK_SCHEMAS:-}" ]; then
  schemas="$LOANCHECK_SCHEMAS"
elif [ -d "$root/../shared/schemas" ]; then
  schemas="$root/../shared/schemas"
else
  schemas="$root/Tests/Schemas"
fi
echo "validate-reports: schemas from $schemas" >&2
sarif_schema="$schemas/sarif-schema-2.1.0.json"
junit_schema="$schemas/junit.xsd"
[ -f "$sarif_schema" ] || die "no SARIF schema at $sarif_schema (set LOANCHECK_SCHEMAS to the schema directory)"
[ -f "$junit_schema" ] || die "no JUnit schema at $junit_schema (set LOANCHECK_SCHEMAS to the schema directory)"

# jsonschema (PyPI, pinned) in the tools virtual environment under .build/, never the system Python.
python="$("$root/scripts/ensure-venv.sh" tools "jsonschema==$JSONSCHEMA_VERSION")/python" \
  || die "could not set up the Python virtual environment for jsonschema"
"$root/scripts/ensure-deps.sh" xmllint || die "xmllint (Debian libxml2-utils) is needed to validate JUnit"

status=0

if "$python" - "$sarif_schema" "$sarif" <<'PY'
import json
import re
import sys

import jsonschema

schema_path, report_path = sys.argv[1], sys.argv[2]
with open(schema_path, encoding="utf-8") as handle:
    schema = json.load(handle)
try:
    with open(report_path, encoding="utf-8") as handle:
        report = json.load(handle)
except ValueError as error:
    print(f"{report_path}: not JSON: {error}", file=sys.stderr)
    sys.exit(1)
checker = jsonschema.FormatChecker()
# jsonschema checks `uri` only with the optional rfc3987 package; without it, check RFC 3986 syntax here
# (allowed characters, well-formed percent escapes, and a scheme for an absolute `uri`).
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
if "uri-reference" not in checker.checkers:
    checker.checks("uri-reference")(lambda value: not isinstance(value, str) or bool(URI_REFERENCE.match(value)))
if "uri" not in checker.checkers:
    checker.checks("uri")(lambda value: not isinstance(value, str)
                          or bool(URI_REFERENCE.match(value) and SCHEME.match(value)))
validator = jsonschema.Draft4Validator(schema, format_checker=checker)
errors = sorted(validator.iter_errors(report), key=lambda error: list(map(str, error.absolute_path)))
for error in errors:
    where = "/".join(map(str, error.absolute_path)) or "(root)"
    print(f"{report_path}: {where}: {error.message}", file=sys.stderr)
sys.exit(1 if errors else 0)
PY
then
  echo "validate-reports: $sarif is valid SARIF 2.1.0"
else
  echo "validate-reports: $sarif does NOT validate against $sarif_schema" >&2
  status=1
fi

if xmllint --noout --schema "$junit_schema" "$junit"; then
  echo "validate-reports: $junit is valid JUnit XML"
else
  echo "validate-reports: $junit does NOT validate against $junit_schema" >&2
  status=1
fi

exit "$status"
