#!/usr/bin/env bash
# The shell steps of the lintgate GitHub Action (action.yml at the
# repository root): action.sh install | run | gate. Inputs come as
# LINTGATE_* environment variables; results go to $GITHUB_OUTPUT,
# $GITHUB_ENV and $GITHUB_PATH, as the runner reads them. action_test.go
# runs every step with fakes of go and lintgate.
set -euo pipefail

# fail MESSAGE [CODE] prints an error annotation and exits CODE (default 2).
fail() { echo "::error title=lintgate::$1" >&2; exit "${2:-2}"; }

# output NAME VALUE appends a step output (single-line values only).
output() { printf '%s=%s\n' "$1" "$2" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: run inside GitHub Actions}"; }

# install: go install the pinned lintgate into its own directory, put it
# on PATH and point golangci-lint's analysis cache where actions/cache
# keeps it. The go command verifies the module against go.sum's checksum
# database entry (sum.golang.org), so the version cannot be swapped.
install() {
	local version=${LINTGATE_VERSION:-}
	if [[ -z $version || $version == latest ]]; then
		fail "input version: name a lintgate release (version: v1.2.3); '${version:-}' is not pinned, and an unpinned linter is what lintgate exists to prevent"
	fi
	if [[ ! $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$ ]]; then
		fail "input version: '$version' is not a version (want v1.2.3 or a pseudo-version; branches are not pinned)"
	fi
	if [[ $(go env GOSUMDB) == off ]]; then
		fail "GOSUMDB=off: the lintgate module could not be checked against the checksum database; unset it"
	fi
	local tmp=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
	local bin="$tmp/lintgate-bin"
	mkdir -p "$bin"
	echo "go install github.com/lintgate/lintgate/cmd/lintgate@$version"
	GOBIN=$bin GOFLAGS= go install "github.com/lintgate/lintgate/cmd/lintgate@$version"
	echo "$bin" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
	local cache=${GOLANGCI_LINT_CACHE:-$tmp/lintgate-golangci-cache}
	echo "GOLANGCI_LINT_CACHE=$cache" >>"${GITHUB_ENV:?GITHUB_ENV is not set}"
	output cache-dir "$cache"
	output bin "$bin/lintgate"
	PATH="$bin:$PATH" lintgate version
}

# run: lintgate run with the inputs; the SARIF log path, the exit code and
# the counts become outputs. The step fails only when there is no log to
# upload; the gate step decides the rest.
run() {
	local sarif=${LINTGATE_SARIF:-lintgate.sarif}
	local -a flags=(-o "$sarif" --format sarif,github)
	[[ -n ${LINTGATE_CATEGORY:-} ]] && flags+=(--category "$LINTGATE_CATEGORY")
	[[ -n ${LINTGATE_FAIL_ON:-} ]] && flags+=(--fail-on "$LINTGATE_FAIL_ON")
	local -a args=()
	set -f # the args input is split on white space, never globbed
	# shellcheck disable=SC2206 # splitting is the point
	args=(${LINTGATE_ARGS:-})
	set +f
	echo "lintgate run ${flags[*]} ${args[*]}"
	local code=0
	lintgate run "${flags[@]}" "${args[@]}" || code=$?
	output exit-code "$code"
	if [[ ! -f $sarif ]]; then
		fail "lintgate run exited $code and wrote no SARIF log" "$((code == 0 ? 4 : code))"
	fi
	[[ $sarif == /* ]] || sarif="$PWD/$sarif"
	output sarif "$sarif"
	counts "$sarif"
}

# counts writes the number of results by level (absent baseline results
# are not findings; a result without level is a warning, SARIF's default).
counts() {
	local n
	for level in error warning note; do
		n=$(jq --arg l "$level" '[.runs[].results[]? | select(.baselineState != "absent") | select((.level // "warning") == $l)] | length' "$1")
		output "${level}s" "$n"
	done
	output findings "$(jq '[.runs[].results[]? | select(.baselineState != "absent") | select((.level // "warning") != "none")] | length' "$1")"
}

# gate: after the upload, fail the job as lintgate run did.
gate() {
	local code=${LINTGATE_EXIT:-}
	case $code in
	0) echo "lintgate: the gate passed" ;;
	1) fail "lintgate: findings fail the gate (fail-on ${LINTGATE_FAIL_ON:-from lintgate.yml or warning}); see the annotations and the code scanning alerts" 1 ;;
	'') fail "lintgate: no exit code from the run step" 4 ;;
	*) fail "lintgate run exited $code (2 usage or config, 3 policy, 4 a tool failed)" "$code" ;;
	esac
}

case ${1:-} in
install | run | gate) "$1" ;;
*) fail "usage: action.sh install|run|gate" ;;
esac
