// Package release writes and checks lintgate's release artifacts, so that
// anyone can verify that the lintgate on a machine is byte for byte the
// one released:
//
//   - SHA256SUMS, the manifest, in the format of sha256sum(1): one
//     "<hex>  <name>" line per file of the release, sorted by name;
//     ParseManifest reads it (binary-mode "*name" lines too) and
//     CheckBinary says whether a binary is the release's for its platform;
//   - SHA256SUMS.sig, an SSH signature (SSHSIG, namespace
//     lintgate-release) of the manifest, made and checked by
//     internal/sshsig and verifiable with `ssh-keygen -Y verify -n
//     lintgate-release`; since the manifest lists every other file, the
//     signature covers them all;
//   - one SPDX 2.3 JSON SBOM per binary (SBOM), made from the binary's own
//     build information (debug/buildinfo.ReadFile): the binary, every
//     module linked into it with its version and go.sum h1: hash, and the
//     Go standard library of the Go that built it;
//   - an in-toto Statement v1 with a SLSA provenance v1 predicate
//     (Provenance) whose subjects are the binaries and their sha256, and
//     which records the source commit, the Go version and each binary's
//     build settings (flags, CGO_ENABLED, GOOS, GOARCH, ...) as the binary
//     itself records them.
//
// Every artifact is deterministic: sorted, no timestamp but the source
// commit's, so two builds of one commit give identical bytes (make
// reproducible-release proves it). Write makes all of them for the
// binaries in a directory; make release calls it through
// internal/cmd/release.
//
// The SPDX and in-toto documents are written from small struct types
// here rather than with github.com/spdx/tools-golang or the in-toto
// attestation bindings: the first would add three modules for fifteen
// fields, and the second marshals through protojson, whose output is
// deliberately unstable, which a reproducible release cannot have. The
// tests validate the SBOM against the SPDX 2.3 JSON schema.
package release
