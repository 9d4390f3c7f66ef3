#!/usr/bin/env bash
# Checks that `loancheck schema --json-schema` (the JSON Schema editors validate with) and loancheck's
# loader agree on a corpus: every example of docs/documents.md and Examples/, the value spellings of
# Tests/SchemaCorpus/spellings.tsv and the documents of Tests/SchemaCorpus/ (see scripts/check-schema.py).
# check-jsonschema (PyPI) is installed into a virtual environment, .build/venv-check-jsonschema, when missing.
#
# Usage: scripts/check-schema.sh [LOANCHECK]   (default .build/debug/loancheck)
# Exit status: 0 they agree on every file, 1 a file disagrees (each is printed), 2 a usage error,
# 3 check-jsonschema could not be installed (the reason is printed).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
loancheck="${1:-$root/.build/debug/loancheck}"
[ -x "$loancheck" ] || { echo "check-schema: no loancheck at $loancheck (run swift build)" >&2; exit 2; }
status=0
validator="$("$root/scripts/ensure-check-jsonschema.sh")" || status=$?
[ $status -eq 0 ] || { echo "check-schema: check-jsonschema is not available; nothing was checked" >&2; exit "$status"; }
exec python3 "$root/scripts/check-schema.py" --loancheck "$loancheck" --validator "$validator"
