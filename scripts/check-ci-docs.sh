#!/usr/bin/env bash
# Runs the CI set-ups of docs/ci.md and docs/report-formats.md as written (`make check-ci-docs`, part
# of `make test`): each fenced block marked `<!-- ci-docs: NAME … -->` is extracted from the page and
# its commands are run, with the built loancheck on PATH, on a copy of Examples/ in a fresh git
# repository (in `compliance/`, beside a docker-compose.yml and other YAML), from that subdirectory,
# after `loancheck init` as the page says. Every SARIF artifact URI, `::error file=` and JUnit path
# must name a real file of the repository. Then the shipped .pre-commit-hooks.yaml is run with the
# real pre-commit (`pre-commit try-repo`, scripts/ensure-pre-commit.sh): it must pass on a clean
# repository that also holds other YAML, and fail on a bad product.
#
#   scripts/check-ci-docs.sh            (LOANCHECK_BIN: the binary, default .build/debug/loancheck)
#
# Exit 0 all passed, 1 a check failed (each is printed), 2 not built or a block is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout=$PWD
bin=${LOANCHECK_BIN:-$checkout/.build/debug/loancheck}
[ -x "$bin" ] || { echo "check-ci-docs: $bin is not built (make build)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/loancheck-ci-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$bin" "$work/bin/loancheck"
export PATH="$work/bin:$PATH" NO_COLOR=1 LANG=C
unset LOANCHECK_RULES
failures=0
fail() { echo "check-ci-docs: FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "check-ci-docs: ok: $*"; }

# block DOC NAME: the body of the fenced block that follows `<!-- ci-docs: NAME …` in DOC.
block() {
  awk -v name="$2" '
    index($0, "<!-- ci-docs: " name " ") == 1 { armed = 1; next }
    armed && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$1"
}

# language DOC NAME: the language of that block's fence (`yaml`, `sh`).
language() {
  awk -v name="$2" 'index($0, "<!-- ci-docs: " name " ") == 1 { armed = 1; next }
    armed && /^```/ { print substr($0, 4); exit }' "$1"
}

# commands DOC NAME: the commands of a block — in a YAML block the `run:` values and list items that
# start with `loancheck`; in a shell block every line but comments.
commands() {
  local text
  text=$(block "$1" "$2")
  [ -n "$text" ] || { echo "check-ci-docs: no block '$2' in $1" >&2; exit 2; }
  if [ "$(language "$1" "$2")" = yaml ]; then
    printf '%s\n' "$text" | sed -nE 's/^[[:space:]]*(- )?(run: )?(loancheck .*)$/\3/p'
  else
    printf '%s\n' "$text" | grep -vE '^[[:space:]]*(#|$)'
  fi
}

# repository NAME: a fresh git repository with the examples in compliance/ and other YAML files.
repository() {
  local repo=$work/$1
  mkdir -p "$repo/k8s" "$repo/.github/workflows"
  git -C "$repo" init -q
  cp -R "$checkout/Examples" "$repo/compliance"
  printf 'services:\n  web:\n    image: nginx\n' > "$repo/docker-compose.yml"
  printf 'services:\n  db:\n    image: postgres\n' > "$repo/compliance/docker-compose.yml"
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n' > "$repo/k8s/app.yaml"
  printf 'name: other\non: push\njobs: {}\n' > "$repo/.github/workflows/other.yml"
  echo "$repo"
}

# run_block DOC NAME DIR: runs the block's commands in DIR; the output of each in $work/NAME.N.out.
# Exit statuses 0 and 1 (findings) are accepted for `loancheck audit`, 0 for anything else.
run_block() {
  local doc=$1 name=$2 dir=$3 n=0 status
  while IFS= read -r command; do
    n=$((n + 1))
    command=${command//scripts\//$checkout/scripts/}
    set +e
    (cd "$dir" && bash -c "$command") > "$work/$name.$n.out" 2> "$work/$name.$n.err"
    status=$?
    set -e
    if [ $status -ne 0 ] && ! { [ $status -eq 1 ] && [[ $command == "loancheck audit"* ]] && [[ $command != *"--baseline "* ]]; }; then
      fail "$name: '$command' exited $status: $(head -c 600 "$work/$name.$n.err")"
      return 1
    fi
  done < <(commands "$doc" "$name")
  [ $n -gt 0 ] || { fail "$name: no command in the block"; return 1; }
}

# check_paths ROOT FILE…: every SARIF URI and annotation or JUnit path in FILE names a file under ROOT.
check_paths() {
  python3 - "$@" <<'PY'
import json, os, re, sys, urllib.parse
root, files = sys.argv[1], sys.argv[2:]
bad, seen = [], 0
for name in files:
    text = open(name, encoding="utf-8").read()
    if name.endswith(".sarif"):
        run = json.loads(text)["runs"][0]
        base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        if base != "file://" + root + "/":
            bad.append(f"{name}: %SRCROOT% is {base}, not the repository root")
        locations = [a["location"] for a in run.get("artifacts", [])]
        for result in run["results"]:
            locations += [l["physicalLocation"]["artifactLocation"] for l in result.get("locations", [])]
        paths = []
        for location in locations:
            uri = location["uri"]
            if location.get("uriBaseId") != "%SRCROOT%" or uri.startswith("file:") or "/../" in "/" + uri or uri.startswith("./"):
                bad.append(f"{name}: {uri} is not a normalised path under %SRCROOT%")
            paths.append(urllib.parse.unquote(uri))
        if not run["results"]:
            bad.append(f"{name}: no results")
    elif name.endswith(".xml"):
        paths = re.findall(r"([\w./-]+\.(?:yaml|yml|csv)):\d+:\d+", text)
    else:
        paths = re.findall(r"^::(?:error|warning|notice) file=([^,]+),", text, re.M)
    if not paths:
        bad.append(f"{name}: no paths found")
    for path in paths:
        seen += 1
        if not os.path.isfile(os.path.join(root, path)):
            bad.append(f"{name}: {path} is not a file of the repository")
for line in bad[:20]:
    print("  " + line, file=sys.stderr)
print(f"{seen} paths checked in {len(files)} file(s)")
sys.exit(1 if bad else 0)
PY
}

# The documented set-ups, from compliance/ of a fresh repository, after `loancheck init`.
repo=$(repository docs)
sub=$repo/compliance
(cd "$sub" && loancheck init >/dev/null) || fail "loancheck init"
for file in .github/workflows/loancheck.yml .gitlab-ci.yml; do
  name=$([ "$file" = .gitlab-ci.yml ] && echo gitlab || echo github)
  if [ "$(block docs/ci.md "$name")" != "$(cat "$repo/$file")" ]; then
    fail "docs/ci.md's $name block differs from the $file that loancheck init writes"
  fi
done
git -C "$repo" add -A && git -C "$repo" -c user.name=ci -c user.email=ci@example.org commit -qm init

run_block docs/ci.md github "$sub" || true
if check_paths "$repo" "$sub/loancheck.sarif" "$work/github.1.out"; then ok "GitHub: SARIF and annotations"; else fail "GitHub: paths"; fi
run_block docs/ci.md gitlab "$sub" || true
if check_paths "$repo" "$sub/loancheck.xml"; then ok "GitLab: JUnit"; else fail "GitLab: paths"; fi
run_block docs/ci.md baseline "$sub" && ok "baseline" || true
run_block docs/report-formats.md validate-reports "$sub" && ok "report validation (SARIF and JUnit schemas)" || true

# pre-commit: the shipped hooks on a clean repository with other YAML, then with a bad product.
pre_commit=$(scripts/ensure-pre-commit.sh)
export PRE_COMMIT_HOME=$work/pre-commit-home
hooks=$work/hooks
# try-repo clones the hooks repository; a copy keeps uncommitted changes of the checkout in the test.
mkdir "$hooks" && cp .pre-commit-hooks.yaml "$hooks/" && git -C "$hooks" init -q && git -C "$hooks" add -A \
  && git -C "$hooks" -c user.name=ci -c user.email=ci@example.org commit -qm hooks
clean=$work/clean
mkdir -p "$clean/k8s" && git -C "$clean" init -q
cp "$checkout"/Tests/EndToEndTests/Fixtures/compliant/*.yaml "$clean/"
printf 'services:\n  web:\n    image: nginx\n' > "$clean/docker-compose.yml"
printf 'apiVersion: apps/v1\nkind: Deployment\n' > "$clean/k8s/app.yaml"
block docs/ci.md pre-commit > "$clean/.pre-commit-config.yaml"
(cd "$clean" && loancheck init --ci none >/dev/null) || fail "loancheck init --ci none"
git -C "$clean" add -A
if (cd "$clean" && "$pre_commit" try-repo "$hooks" --all-files) > "$work/pre-commit.clean" 2>&1; then
  ok "pre-commit: passes on a clean repository with other YAML"
else
  fail "pre-commit on a clean repository: $(tail -c 1500 "$work/pre-commit.clean")"
fi
sed -e 's/^id: tl-daily-loan/id: bad-loan/' -e 's/^lender: tenglian-oml/lender: xinlian-bank/' -e 's/max: 20万}/max: 30万}/' \
  "$clean/tl-daily-loan.yaml" > "$clean/bad-loan.yaml"
git -C "$clean" add -A
if (cd "$clean" && "$pre_commit" try-repo "$hooks" --all-files) > "$work/pre-commit.bad" 2>&1; then
  fail "pre-commit passed with a bad product"
elif grep -q "CN-BANK-CREDIT-LINE" "$work/pre-commit.bad"; then
  ok "pre-commit: fails on a bad product (CN-BANK-CREDIT-LINE)"
else
  fail "pre-commit failed without naming the bad product's rule: $(tail -c 1500 "$work/pre-commit.bad")"
fi

if [ $failures -gt 0 ]; then
  echo "check-ci-docs: $failures check(s) failed" >&2
  exit 1
fi
echo "check-ci-docs: all passed"
