# loancheck — every target first makes sure the system packages it needs are installed.
SWIFT ?= swift
BIN_DIR = $(shell $(SWIFT) build -c release --show-bin-path 2>/dev/null)

.PHONY: deps build release test audit-examples clean

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Runs every test: the unit and end-to-end suites.
test: deps
	$(SWIFT) build
	$(SWIFT) test

clean:
	rm -rf .build
