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

# lintgate against the embedded golangci-lint alone and against three
# tools plus a merge, on real modules from the module cache, and the SARIF
# step alone; rewrites the results in BENCHMARKS.md. More runs or another
# corpus: make bench BENCHFLAGS='-n 5 -corpus MODULE@VERSION'.
BENCHFLAGS ?=
bench: build
	$(GO) run ./bench -lintgate $(BIN) -update BENCHMARKS.md $(BENCHFLAGS)
