#!/usr/bin/env bash
# Pull request, step 2: `pulumi preview --diff` of every cluster against what its NAS reports,
# added to the job summary. Fails when any preview fails (a live rule, a refused change).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

failed=0
for stack in $(clusters); do
  out=$(mktemp)
  if use_stack "$stack" && pulumi preview --diff --stack "$stack" "${PULUMI_FLAGS[@]}" 2>&1 | tee "$out"; then
    summary_block "Cluster \`$stack\`: preview" "$out"
  else
    summary_block "Cluster \`$stack\`: preview FAILED" "$out"
    error "pulumi preview of cluster $stack failed; its output is above and in the job summary."
    failed=1
  fi
  rm -f "$out"
done
exit "$failed"
