# loancheck — every target first makes sure the system packages it needs are installed
# (libyaml-dev and pkg-config; for the tests, the packages of README.md "Test dependencies").
SWIFT ?= swift
PREFIX ?= /usr/local
# The examples' expected output in Examples/README.md is for this date; override with AS_OF=YYYY-MM-DD.
AS_OF ?= 2026-11-22
LOANCHECK = .build/debug/loancheck

.PHONY: deps test-deps build release test audit-examples validate-reports check-html check-ci-docs check-sql check-schema install dist clean

deps:
	@scripts/ensure-deps.sh

## Everything the test command installs, checked (and installed when root) before anything is built.
test-deps:
	@scripts/ensure-deps.sh test

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## The main job: audit Examples/ with the shipped packs. The examples hold deliberate violations, so
## loancheck exits 1 (findings); that is the expected result, not a build failure.
audit-examples: build
	@$(LOANCHECK) audit Examples/ --as-of $(AS_OF); status=$$?; \
	  if [ $$status -eq 1 ]; then echo "(exit 1: the examples' deliberate violations were found)"; \
	  elif [ $$status -ne 0 ]; then exit $$status; fi

## Every test: unit and end-to-end suites, the packs' own cases, SARIF/JUnit schema validation, the
## HTML report in a browser, the CI set-ups of docs/ci.md as written, the SQL engines' conformance, and the
## portable release unpacked and run without the toolchain (make dist).
test: test-deps build
	$(SWIFT) test
	$(LOANCHECK) test
	$(MAKE) --no-print-directory validate-reports
	$(MAKE) --no-print-directory check-html
	$(MAKE) --no-print-directory check-ci-docs
	$(MAKE) --no-print-directory check-sql
	$(MAKE) --no-print-directory dist

## Runs the commands of docs/ci.md and docs/report-formats.md as written on a copy of Examples/ in a fresh
## git repository (paths checked against the files), and the shipped pre-commit hooks with the real
## pre-commit (installed into .build/venv-pre-commit when missing).
check-ci-docs: build
	@scripts/ensure-deps.sh xmllint
	scripts/check-ci-docs.sh

## The SQL engines against the stream engine on the same tapes: DuckDB, PostgreSQL (a throwaway cluster,
## started and stopped here), Spark local[2], and the Trino script parsed by sqlglot; each engine installed
## when missing (scripts/ensure-sql-engines.sh). LOANCHECK_SKIP_SPARK=1 leaves Spark out.
check-sql: build
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) scripts/sql-conformance.sh

## Renders the HTML report of Examples/ in headless Chromium and checks the DOM against the JSON report.
check-html: build
	@mkdir -p .build/reports
	@$(LOANCHECK) audit Examples/ --as-of $(AS_OF) --format html --output .build/reports/report.html \
	  --format json --output .build/reports/report.json --fail-on never
	scripts/check-html-report.sh .build/reports/report.html .build/reports/report.json CN-BANK-CREDIT-LINE CN-RATE-APR-24

## Checks that the JSON Schema for editors and the loader agree on every example and spelling of the corpus
## (check-jsonschema from PyPI, installed into the virtual environment .build/venv-check-jsonschema when missing;
## fails with exit 3 when it cannot be installed). `make test` runs the same check as SchemaAgreementTests.
check-schema: build
	scripts/check-schema.sh $(LOANCHECK)

## Writes SARIF and JUnit reports of Examples/ (an audit, a copy with an invalid input, and the diff of
## 2025-09-30 → 2025-10-01) and validates them against the SARIF 2.1.0 and JUnit schemas.
validate-reports: build
	@scripts/ensure-deps.sh xmllint
	@mkdir -p .build/reports
	@$(LOANCHECK) audit Examples/ --as-of $(AS_OF) --format sarif --output .build/reports/report.sarif \
	  --format junit --output .build/reports/report.xml --format text --fail-on never >/dev/null
	scripts/validate-reports.sh .build/reports
	@# An invalid input (a share written without %) still gives both reports, its error as a result (exit 2).
	@rm -rf .build/reports/invalid-input && mkdir -p .build/reports/invalid-input/docs
	@cp -R Examples/institutions Examples/products .build/reports/invalid-input/docs/
	@sed -i 's/share: 25%/share: 25/' .build/reports/invalid-input/docs/products/tl-nationwide-loan.yaml
	@$(LOANCHECK) audit .build/reports/invalid-input/docs --as-of $(AS_OF) --format sarif --output .build/reports/invalid-input/report.sarif \
	  --format junit --output .build/reports/invalid-input/report.xml 2>/dev/null; status=$$?; \
	  if [ $$status -ne 2 ]; then echo "expected exit 2 on an invalid input, got $$status"; exit 1; fi
	@python3 -c 'import json,sys; run=json.load(open(sys.argv[1]))["runs"][0]; \
	  assert not run["invocations"][0]["executionSuccessful"], "executionSuccessful"; \
	  assert [r["ruleId"] for r in run["results"]] == ["LC-INPUT-UNIT"], run["results"]' .build/reports/invalid-input/report.sarif
	scripts/validate-reports.sh .build/reports/invalid-input
	@mkdir -p .build/reports/diff
	@$(LOANCHECK) diff --from 2025-09-30 --to 2025-10-01 Examples/ --format sarif --output .build/reports/diff/report.sarif \
	  --format junit --output .build/reports/diff/report.xml --format text --fail-on never >/dev/null
	scripts/validate-reports.sh .build/reports/diff

## Installs the release binary, the shipped Rules/ (PREFIX/share/loancheck/Rules, where the binary looks),
## the man pages (loancheck.1, loancheck.audit.1, …) and the bash, zsh and fish completions.
install: release
	SWIFT=$(SWIFT) scripts/install-tree.sh $$($(SWIFT) build -c release --show-bin-path)/loancheck $(PREFIX)

## The portable release: dist/loancheck-VERSION-linux-ARCH.tar.gz, the Swift runtime linked statically
## (needs only glibc and libyaml), with Rules/, man pages and completions; then checks it (check-dist).
dist: deps
	scripts/check-dist.sh "$$(SWIFT=$(SWIFT) scripts/dist.sh)"

clean:
	rm -rf .build dist
