#!/usr/bin/env bash
# Merge to main: `pulumi up` of every cluster. A cluster that fails does not stop the others;
# the script fails at the end if any did.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

failed=0
for stack in $(clusters); do
  out=$(mktemp)
  if use_stack "$stack" && pulumi up --yes --skip-preview --stack "$stack" "${PULUMI_FLAGS[@]}" 2>&1 | tee "$out"; then
    summary_block "Cluster \`$stack\`: deployed" "$out"
  else
    summary_block "Cluster \`$stack\`: deploy FAILED" "$out"
    error "pulumi up of cluster $stack failed; its output is above and in the job summary."
    failed=1
  fi
  rm -f "$out"
done
exit "$failed"
