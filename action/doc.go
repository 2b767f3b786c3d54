// Package action holds the shell steps of lintgate's GitHub Action
// (action.yml in the repository root) in action.sh, and their tests: the
// steps run with bash against fakes of go and lintgate and a fake
// GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH, and action.yml is validated
// against SchemaStore's schema of action metadata. There is no Go code to
// import here.
package action
