# loancheck — every target first makes sure the system packages it needs are installed
# (libyaml-dev, libmimalloc-dev and pkg-config; libxml2-utils and python3-jsonschema for report validation).
SWIFT ?= swift
PREFIX ?= /usr/local
# The examples' expected output in Examples/README.md is for this date; override with AS_OF=YYYY-MM-DD.
AS_OF ?= 2026-11-22
LOANCHECK = .build/debug/loancheck

.PHONY: deps build release test audit-examples validate-reports check-html check-schema install clean

deps:
	@scripts/ensure-deps.sh

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

## Every test: unit and end-to-end suites (the editor schema against the loader among them:
## SchemaAgreementTests, skipped with its reason when check-jsonschema cannot be installed), the packs'
## own cases, SARIF/JUnit schema validation, the HTML report in a browser.
test: build
	$(SWIFT) test
	$(LOANCHECK) test
	$(MAKE) --no-print-directory validate-reports
	$(MAKE) --no-print-directory check-html

## Renders the HTML report of Examples/ in headless Chromium and checks the DOM against the JSON report.
check-html: build
	@mkdir -p .build/reports
	@$(LOANCHECK) audit Examples/ --as-of $(AS_OF) --format html --output .build/reports/report.html \
	  --format json --output .build/reports/report.json --fail-on never
	scripts/check-html-report.sh .build/reports/report.html .build/reports/report.json CN-BANK-CREDIT-LINE CN-RATE-APR-24

## Checks that the JSON Schema for editors and the loader agree on every example and spelling of the corpus
## (check-jsonschema from PyPI, installed into the virtual environment .build/check-jsonschema when missing;
## fails with exit 3 when it cannot be installed).
check-schema: build
	scripts/check-schema.sh $(LOANCHECK)

## Writes SARIF and JUnit reports of Examples/ and validates them against the SARIF 2.1.0 and JUnit schemas.
validate-reports: build
	@scripts/ensure-deps.sh xmllint
	@mkdir -p .build/reports
	@$(LOANCHECK) audit Examples/ --as-of $(AS_OF) --format sarif --output .build/reports/report.sarif \
	  --format junit --output .build/reports/report.xml --format text --fail-on never >/dev/null
	scripts/validate-reports.sh .build/reports

install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/loancheck
	install -m 755 $$($(SWIFT) build -c release --show-bin-path)/loancheck $(PREFIX)/bin/loancheck
	rm -rf $(PREFIX)/share/loancheck/Rules && cp -R Rules $(PREFIX)/share/loancheck/Rules

clean:
	rm -rf .build
