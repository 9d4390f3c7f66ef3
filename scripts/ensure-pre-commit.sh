#!/usr/bin/env bash
# Installs pre-commit (PyPI, pinned) into its own virtual environment, .build/venv-pre-commit, only when
# it is missing or another version, and prints the path of its `pre-commit` on stdout (progress on
# stderr). Never touches the system Python.
#
#   PRE_COMMIT=$(scripts/ensure-pre-commit.sh)
set -euo pipefail
PRE_COMMIT_VERSION=4.7.0
bin=$("$(dirname "${BASH_SOURCE[0]}")/ensure-venv.sh" pre-commit "pre-commit==$PRE_COMMIT_VERSION")
echo "$bin/pre-commit"
