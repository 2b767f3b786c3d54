# lintgate's build. `make run` lints this repository with lintgate itself
# (embedded default policy); `make test` runs every test.
GO      ?= go
BIN     := bin/lintgate
# The embedded golangci-lint keeps its analysis cache here unless told
# otherwise; a cache inside the build tree keeps CI self-contained.
export GOLANGCI_LINT_CACHE ?= $(CURDIR)/.cache/golangci-lint

.PHONY: bench all build run test lint install generate clean reproducible release reproducible-release

# The version lintgate reports (lintgate version, the SARIF driver, the
# snapshot): VERSION=v1.2.3 when given, else the tag of HEAD, else a
# pseudo-version of HEAD's commit, v0.0.0-<yyyymmddhhmmss>-<12-char commit>
# (+dirty for a modified tree), as the go command stamps one. Outside a git
# checkout it stays empty and lintgate falls back to its build information.
GIT_COMMIT := $(shell git rev-parse HEAD 2>/dev/null)
GIT_TIME   := $(shell git log -1 --format=%ct 2>/dev/null)
GIT_DIRTY  := $(if $(shell git status --porcelain --untracked-files=no 2>/dev/null),+dirty)
VERSION    ?= $(or $(shell git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null),$(if $(GIT_COMMIT),v0.0.0-$(shell TZ=UTC git log -1 --date=format-local:%Y%m%d%H%M%S --format=%cd)-$(shell echo $(GIT_COMMIT) | cut -c1-12)$(GIT_DIRTY)))
VERSION_LDFLAGS := $(if $(VERSION),-X github.com/lintgate/lintgate/internal/buildinfo.version=$(VERSION))

all: build

build:
	$(GO) build -trimpath -ldflags='$(VERSION_LDFLAGS)' -o $(BIN) ./cmd/lintgate

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
	$(GO) install -trimpath -ldflags='$(VERSION_LDFLAGS)' ./cmd/lintgate

generate:
	$(GO) generate ./...

clean:
	rm -rf bin .cache dist lintgate.sarif

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

# A release: make release VERSION=vX.Y.Z [PLATFORMS="linux/amd64 ..."]
# [SIGN_KEY=key] writes dist/: lintgate_<os>_<arch>[.exe] per platform
# (CGO_ENABLED=0, -trimpath, no build ID, the version stamped), an SPDX SBOM
# per binary, the SLSA provenance lintgate.intoto.json, SHA256SUMS over all
# of them and, with SIGN_KEY (an unencrypted OpenSSH private key),
# SHA256SUMS.sig (ssh-keygen -Y verify -n lintgate-release). The build
# environment is set explicitly, so that the user's GOFLAGS, GOAMD64 and
# friends cannot change the bytes; the Go version is the go on PATH (or
# GOTOOLCHAIN=goX.Y.Z), recorded in the provenance.
PLATFORMS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64
DIST      ?= dist
BUILDER   ?=
RELEASE_ENV     := CGO_ENABLED=0 GOFLAGS=-buildvcs=false GOAMD64=v1 GOARM64=v8.0 GOEXPERIMENT=
RELEASE_LDFLAGS := -s -w -buildid= $(VERSION_LDFLAGS)
release:
	@test -n "$(VERSION)" || { echo "release: name the version: make release VERSION=vX.Y.Z" >&2; exit 2; }
	@test -n "$(GIT_COMMIT)" || { echo "release: not a git checkout: the provenance needs the source commit" >&2; exit 2; }
	rm -rf $(DIST)
	mkdir -p $(DIST)
	@set -e; for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; if [ "$$os" = windows ]; then ext=.exe; fi; \
		echo "go build $(DIST)/lintgate_$${os}_$${arch}$$ext ($(VERSION))"; \
		env $(RELEASE_ENV) GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags='$(RELEASE_LDFLAGS)' \
			-o $(DIST)/lintgate_$${os}_$${arch}$$ext ./cmd/lintgate; \
	done
	$(GO) run ./internal/cmd/release -dir $(DIST) -version $(VERSION) -commit $(GIT_COMMIT) -time $(GIT_TIME) \
		-ldflags '$(RELEASE_LDFLAGS)' -env '$(RELEASE_ENV)' $(if $(SIGN_KEY),-sign $(SIGN_KEY)) $(if $(BUILDER),-builder $(BUILDER))

# Proof that a release is reproducible: clone HEAD twice into two
# temporary directories, make release in each with the same VERSION and
# PLATFORMS (no key: a signature is not part of the build), and fail
# unless the two dist/ directories are identical, file for file. Only
# committed changes are in the clones.
reproducible-release:
	@set -e; a=$$(mktemp -d); b=$$(mktemp -d); trap 'chmod -R u+w "$$a" "$$b"; rm -rf "$$a" "$$b"' EXIT; \
	for d in "$$a" "$$b"; do \
		git clone -q --no-hardlinks . "$$d/src"; \
		$(MAKE) -s -C "$$d/src" release VERSION='$(VERSION)' PLATFORMS='$(PLATFORMS)' SIGN_KEY= >/dev/null; \
	done; \
	(cd "$$a/src/$(DIST)" && sha256sum *); \
	diff -r "$$a/src/$(DIST)" "$$b/src/$(DIST)" || { echo "reproducible-release: the two releases differ" >&2; exit 1; }; \
	echo "reproducible-release: $$a/src and $$b/src ($(VERSION), commit $(GIT_COMMIT)) gave identical $(DIST)/"
