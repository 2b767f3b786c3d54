// Package snapshot records the lint environment of a Go module and checks
// it again later: `lintgate snapshot create | verify | inspect`; it also
// re-creates it elsewhere: `apply | env | bundle | diff`.
//
// A lint result is only as trustworthy as the environment that produced
// it, and `go mod verify` leaves gaps: it never compares the module cache
// with go.sum, never consults GOSUMDB, ignores vendor/, passes vacuously
// when modules are not in the cache, and skips the main module and the
// toolchain. A snapshot closes these: the module-content check compares
// the cache with go.sum, the checksum-database check confirms go.sum
// itself, vendor/ is hashed, and the toolchain check confirms GOROOT. It
// does not check the main module's own source (that is what is linted)
// nor a local replacement's (only hashed and recorded).
//
// # The statement
//
// A snapshot is an in-toto Statement v1 (StatementType) whose subjects are
// the lintgate binary, go.mod, go.sum and the configuration files, with
// their sha256 digests, and whose predicate (PredicateType) records:
// lintgate's version, binary hash and build settings; the pinned linters
// and x/tools with their module sums, from build information
// (internal/buildinfo); the toolchain (`go env GOVERSION`, the Go lintgate
// was built with, go.mod's go and toolchain lines, GOTOOLCHAIN); the
// target (GOOS, GOARCH, CGO_ENABLED, GOEXPERIMENT, build tags, -mod); the
// GOFLAGS, GOPROXY, GOSUMDB, GONOSUMDB, GOPRIVATE, GONOPROXY, GOINSECURE
// and GOWORK the go command sees (`go env -json` in the module, never the
// process environment); the sha256 of go.mod, go.sum, the go.work in
// effect and vendor/modules.txt, and a dirhash of vendor/; the hashes of
// the configurations; and the module-content check. Every value is a
// string, maps are written with sorted keys, lists are sorted, and there
// is no timestamp: the same environment gives the same bytes.
//
// # The module-content check
//
// The build list comes from `go list -mod=readonly -m -json all` with
// GOPROXY=off, so the check looks at the local module cache and never
// downloads or repairs it. For every module of the list, the extracted
// directory in GOMODCACHE must hash (dirhash h1, what go.sum records) to
// its go.sum line, and the cached go.mod to its /go.mod line. A module
// whose content go.sum records but the cache lacks fails the check:
// nothing was verified, which `go mod verify` would call success. Modules
// of the pruned graph that go.sum has no line for were never loaded by
// the go command and are listed as such. When the build list cannot be
// computed (an empty module cache with GOPROXY=off), go.mod's own
// requirements are checked and the failure is recorded.
//
// # The checksum-database check
//
// Every go.sum line of the build list (content and /go.mod) is looked up
// in the checksum database the go command would use: GOSUMDB (a known
// name, "key" or "key url"), reached through the first GOPROXY entry
// that serves <proxy>/sumdb/<name>/supported, else directly, with the
// go command's fallback rules (cmd/go/internal/modfetch). The
// golang.org/x/mod/sumdb Client checks signed tree heads with the
// database's key and each record's inclusion through tiles; the client
// keeps the go command's caches (lookups and tiles under
// $GOMODCACHE/cache/download/sumdb, the latest tree head under
// $GOPATH/pkg/sumdb/<name>/latest, with lockedfile), so a second run with
// an unchanged go.sum needs no network, and a tree that does not extend
// the last one seen is a security error. A line the database contradicts
// or does not know, one it could not be asked about, and a security error
// are integrity failures. Modules GONOSUMDB (or GOPRIVATE) excludes are
// recorded as private. The database's name, tree size and root hash are
// recorded, but not compared: the log grows.
//
// # The toolchain check
//
// `go env GOROOT` is hashed (dirhash h1, files in parallel) as the module
// golang.org/toolchain@v0.0.1-<GOVERSION>.<GOHOSTOS>-<GOHOSTARCH> holds
// it (cmd/distpack: no api/, doc/, misc/ or test/; nested go.mod named
// _go.mod; go.env's GOTOOLCHAIN=local read as the module's
// GOTOOLCHAIN=auto), and the hash is looked up in the checksum database,
// as the go command always does for toolchains. The verdict is verified,
// differs (a weakness: create refuses it, verify fails on it unless the
// snapshot was created with --allow-weak; the differing files are named
// when the official module is in the module cache or `go mod download`
// can fetch it) or unverifiable (no release version, a database that
// does not know it, GOSUMDB=off: only --strict fails on it). A cache
// under the user's cache directory keeps the hash while every file's stat
// data (size, mode, modification and change times, inode) is unchanged;
// --strict never reads it.
//
// # Comparing
//
// Compare compares the statements' subjects (their digests: an edited
// or removed subject is drift) and Diff flattens two predicates into
// dotted keys and lists the changes.
// By default only what decides lint results counts: linter versions and
// sums, the Go language version (go1.26), the target, module files and
// content, configurations, and weakening changes (GOSUMDB turned off,
// patterns added to GONOSUMDB, GOPRIVATE or GOINSECURE, -mod=mod), which
// are marked [weakening]. Changes only --strict compares (the exact Go
// patch release, the lintgate binary and its build settings, every other
// environment value, and stronger settings such as GOSUMDB turned back
// on, marked [stronger]) are marked [strict].
//
// # Signatures
//
// Sign and Verify make and check detached SSHSIG signatures in the
// "lintgate-snapshot" namespace, interchangeable with `ssh-keygen -Y sign`
// and `ssh-keygen -Y verify` and an OpenSSH allowed_signers file.
//
// # Apply, env and bundles
//
// NewPlan and Plan.Run make a machine match a snapshot through the go
// command only: go commands run with the snapshot's GOTOOLCHAIN, GOPROXY,
// GOSUMDB, GONOSUMDB, GOPRIVATE and GOFLAGS as their environment (GoEnv;
// never `go env -w`), so the go command downloads and checksum-verifies
// the toolchain module, fetches the module graph's go.mod files and
// downloads every module whose content go.sum records. WriteEnv prints the
// same settings quoted for sh, fish, PowerShell, $GITHUB_ENV or a GitLab
// dotenv report.
//
// CollectBundle has the go command fill a fresh module cache, and lists
// its cache/download tree (the layout GOPROXY=file:// serves) with the
// checksum database's answers for the toolchain module under
// sumdb/NAME/ and a supported file, so that the go command verifies the
// toolchain offline too; Manifest and WriteArchive make the deterministic
// archive. CheckBundle reads a whole archive and refuses anything but
// plain files listed in its manifest before Extract writes anything, and
// Extract writes through an os.Root into a temporary directory that is
// made read-only and renamed into place.
//
// # Vulnerabilities
//
// FindVulns asks a Go vulnerability database, possibly an offline copy,
// about the pinned modules and the Go versions, with govulncheck's query
// mode (golang.org/x/vuln/scan).
package snapshot
