package release

import (
	"cmp"
	"encoding/json"
	"runtime/debug"
	"slices"
	"strings"
)

// Types of the provenance statement.
const (
	StatementType  = "https://in-toto.io/Statement/v1"
	SLSAProvenance = "https://slsa.dev/provenance/v1"
	// BuildType says how to read the build definition: make release of this
	// repository (README, "Release procedure").
	BuildType = "https://lintgate.dev/release/make/v1"
	// DefaultBuilder is the builder id of a release built with make release
	// by hand; CI passes its own (the workflow run).
	DefaultBuilder = "https://github.com/lintgate/lintgate/blob/main/Makefile#release"
)

// Statement is an in-toto Statement v1 with a SLSA provenance v1 predicate.
type Statement struct {
	Type          string     `json:"_type"`
	Subject       []Subject  `json:"subject"`
	PredicateType string     `json:"predicateType"`
	Predicate     Provenance `json:"predicate"`
}

// Subject is a released binary and its digest.
type Subject struct {
	Name   string            `json:"name"`
	Digest map[string]string `json:"digest"`
}

// Provenance is SLSA provenance v1 (slsa.dev/spec/v1.0/provenance).
type Provenance struct {
	BuildDefinition BuildDefinition `json:"buildDefinition"`
	RunDetails      RunDetails      `json:"runDetails"`
}

// BuildDefinition is what was built and how.
type BuildDefinition struct {
	BuildType            string               `json:"buildType"`
	ExternalParameters   ExternalParameters   `json:"externalParameters"`
	InternalParameters   InternalParameters   `json:"internalParameters"`
	ResolvedDependencies []ResourceDescriptor `json:"resolvedDependencies"`
}

// ExternalParameters are the inputs of make release.
type ExternalParameters struct {
	Source    ResourceDescriptor `json:"source"`
	Version   string             `json:"version"`
	Platforms []string           `json:"platforms"`
}

// InternalParameters are what the build used that the caller did not
// choose: the Go version, the build flags and environment, and each
// binary's build settings as its build information records them
// (-trimpath, CGO_ENABLED, GOOS, GOARCH, GOAMD64, ...).
type InternalParameters struct {
	GoVersion string `json:"goVersion"`
	// Flags and Env are the go build flags and environment make release
	// used: the binary's build information leaves out -ldflags when
	// -trimpath is set, so they are recorded as given.
	Flags         []string                     `json:"flags"`
	Env           map[string]string            `json:"env"`
	BuildSettings map[string]map[string]string `json:"buildSettings"`
}

// ResourceDescriptor is an artifact by URI and digest.
type ResourceDescriptor struct {
	URI    string            `json:"uri"`
	Digest map[string]string `json:"digest,omitempty"`
}

// RunDetails says who built it. No timestamps: the provenance of two builds
// of one commit is the same.
type RunDetails struct {
	Builder Builder `json:"builder"`
}

// Builder is the build platform.
type Builder struct {
	ID string `json:"id"`
}

// BuiltBinary is a release binary for the provenance.
type BuiltBinary struct {
	Name, SHA256 string
	Build        *debug.BuildInfo
}

// ProvenanceInput is what the provenance is made of.
type ProvenanceInput struct {
	Version, Commit, Builder string
	// Repository is the source repository ("https://github.com/lintgate/lintgate").
	Repository string
	Binaries   []BuiltBinary
	// Flags and Env are the go build flags and environment.
	Flags []string
	Env   map[string]string
}

// NewProvenance makes the provenance statement of the binaries, sorted by
// name. The Go version is the first binary's (they are one build).
func NewProvenance(in ProvenanceInput) Statement {
	bins := slices.SortedFunc(slices.Values(in.Binaries), func(a, b BuiltBinary) int { return strings.Compare(a.Name, b.Name) })
	source := ResourceDescriptor{URI: "git+" + in.Repository, Digest: map[string]string{"gitCommit": in.Commit}}
	st := Statement{Type: StatementType, Subject: []Subject{}, PredicateType: SLSAProvenance}
	params := InternalParameters{Flags: nonNil(in.Flags), Env: in.Env, BuildSettings: map[string]map[string]string{}}
	if params.Env == nil {
		params.Env = map[string]string{}
	}
	var platforms []string
	for _, b := range bins {
		st.Subject = append(st.Subject, Subject{Name: b.Name, Digest: map[string]string{"sha256": b.SHA256}})
		settings := map[string]string{}
		for _, s := range b.Build.Settings {
			settings[s.Key] = s.Value
		}
		params.BuildSettings[b.Name] = settings
		params.GoVersion = cmp.Or(params.GoVersion, b.Build.GoVersion)
		platforms = append(platforms, settings["GOOS"]+"/"+settings["GOARCH"])
	}
	st.Predicate = Provenance{
		BuildDefinition: BuildDefinition{
			BuildType:          BuildType,
			ExternalParameters: ExternalParameters{Source: source, Version: in.Version, Platforms: nonNil(platforms)},
			InternalParameters: params,
			ResolvedDependencies: []ResourceDescriptor{
				source,
				{URI: "pkg:golang/stdlib@" + params.GoVersion},
			},
		},
		RunDetails: RunDetails{Builder: Builder{ID: cmp.Or(in.Builder, DefaultBuilder)}},
	}
	return st
}

// Marshal encodes the statement, indented, with a final newline.
func (s Statement) Marshal() ([]byte, error) {
	out, err := json.MarshalIndent(s, "", "  ")
	return append(out, '\n'), err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
