# lintgate's build. `make run` lints this repository with lintgate itself
# (embedded default policy); `make test` runs every test.
GO      ?= go
BIN     := bin/lintgate
# The embedded golangci-lint keeps its analysis cache here unless told
# otherwise; a cache inside the build tree keeps CI self-contained.
export GOLANGCI_LINT_CACHE ?= $(CURDIR)/.cache/golangci-lint

.PHONY: bench all build run test lint install generate clean reproducible

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

# Reproducible builds: build lintgate twice, from two copies of the tree in
# two different temporary directories, with -trimpath, CGO_ENABLED=0 and no
# build ID, and fail unless both binaries have the same sha256.
REPRO_FLAGS := -trimpath -ldflags="-s -w -buildid="
reproducible:
	@set -e; a=$$(mktemp -d); b=$$(mktemp -d); trap 'chmod -R u+w "$$a" "$$b"; rm -rf "$$a" "$$b"' EXIT; \
	for d in "$$a" "$$b"; do \
		mkdir -p "$$d/src"; \
		git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$$d/src"; \
		(cd "$$d/src" && CGO_ENABLED=0 $(GO) build $(REPRO_FLAGS) -o "$$d/lintgate" ./cmd/lintgate); \
	done; \
	sa=$$(sha256sum "$$a/lintgate" | cut -d' ' -f1); sb=$$(sha256sum "$$b/lintgate" | cut -d' ' -f1); \
	echo "$$a/src: $$sa"; echo "$$b/src: $$sb"; \
	test "$$sa" = "$$sb" || { echo "reproducible: the two builds differ" >&2; exit 1; }; \
	echo "reproducible: ok"
