#!/usr/bin/env bash
# Pull request, step 1: every cluster spec checked offline (schema and rules R1-R14), no NAS
# contacted. In GitHub Actions each finding becomes an annotation on its file, line and column.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

format=text
in_github_actions && format=github
npx --no-install synovmm validate --format "$format" clusters/*.yaml
