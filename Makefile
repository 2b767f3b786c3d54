# lintgate's build. `make run` lints this repository with lintgate itself
# (embedded default policy); `make test` runs every test.
GO      ?= go
BIN     := bin/lintgate
# The embedded golangci-lint keeps its analysis cache here unless told
# otherwise; a cache inside the build tree keeps CI self-contained.
export GOLANGCI_LINT_CACHE ?= $(CURDIR)/.cache/golangci-lint

.PHONY: bench all build run test lint install generate clean

all: build

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/lintgate

# The main job: build lintgate and lint this repository with the embedded
# default policy, writing lintgate.sarif. Findings are reported but do not
# fail `make run` (the gate is `make lint`).
run: build
	./$(BIN) run --default-config --fail-on none -o lintgate.sarif ./...

test:
	$(GO) vet ./...
	$(GO) test ./...

# Dogfooding: lintgate on its own code with the repository's .golangci.yml.
lint: build
	./$(BIN) run -o lintgate.sarif ./...

install:
	$(GO) install -trimpath ./cmd/lintgate

generate:
	$(GO) generate ./...

clean:
	rm -rf bin .cache lintgate.sarif

# The SARIF step alone (issue 8's driver against golangci-lint is still to
# come): 10k and 100k synthetic findings, ns/op and allocations.
bench:
	go test ./sarif -run '^$$' -bench Write -benchmem -benchtime 5x
