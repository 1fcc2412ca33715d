#!/usr/bin/env bash
# Nightly: has anything been changed by hand? `pulumi refresh --preview-only --expect-no-changes`
# reads every resource from its NAS without touching the state (so the drift is reported again
# every night until it is fixed); drift-report.mjs names each drifted resource. Fails on drift.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

failed=0
for stack in $(clusters); do
  out=$(mktemp)
  code=0
  if use_stack "$stack"; then
    pulumi refresh --preview-only --expect-no-changes --diff --stack "$stack" "${PULUMI_FLAGS[@]}" 2>&1 |
      tee "$out" || code=$?
    node scripts/drift-report.mjs "$stack" "$out" "$code" || failed=1
  else
    failed=1
  fi
  rm -f "$out"
done
exit "$failed"
