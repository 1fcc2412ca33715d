# Shared by the pipeline scripts (sourced, not run). One stack per cluster: the stacks are the
# names of clusters/*.yaml. Output goes to the terminal, and to the GitHub Actions job summary
# and annotations when the scripts run there (GITHUB_STEP_SUMMARY / GITHUB_ACTIONS are set).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PULUMI_SKIP_UPDATE_CHECK=true
PULUMI_FLAGS=(--non-interactive --color never)

# The stack names, one a line: clusters/lab.yaml -> lab.
clusters() {
  local file
  for file in clusters/*.yaml; do
    [ -e "$file" ] && basename "$file" .yaml
  done
}

in_github_actions() { [ "${GITHUB_ACTIONS:-}" = "true" ]; }

# error MESSAGE: an error annotation on the run in GitHub Actions, a plain line elsewhere.
error() {
  if in_github_actions; then
    local data=${1//'%'/'%25'}
    data=${data//$'\n'/'%0A'}
    echo "::error title=synovmm::${data}"
  else
    echo "error: $1" >&2
  fi
}

# Appends stdin to the job summary (Markdown) when there is one.
summary() {
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat >>"$GITHUB_STEP_SUMMARY"; else cat >/dev/null; fi
}

# summary_block TITLE FILE: a section with the command's output, collapsed after its last lines.
summary_block() {
  {
    echo "### $1"
    echo
    echo '```'
    sed -n '/^Resources:/,$p' "$2"
    echo '```'
    echo
    echo "<details><summary>full output</summary>"
    echo
    echo '```diff'
    cat "$2"
    echo '```'
    echo
    echo "</details>"
    echo
  } | summary
}

# Selects the stack of a cluster (creating it in the backend on first use) and refuses a stack
# file whose password is still the template's placeholder, saying how to set it.
use_stack() {
  local stack=$1
  if grep -q 'SET-ME-WITH-pulumi-config-set-secret' "Pulumi.$stack.yaml" 2>/dev/null; then
    error "Pulumi.$stack.yaml still holds the template's password placeholder. Fix: pulumi stack select --create $stack && pulumi config set --secret synovmm:password, then commit Pulumi.$stack.yaml (README.md, Secrets)."
    return 1
  fi
  pulumi stack select --create "$stack" --non-interactive >/dev/null
}
