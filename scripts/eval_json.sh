#!/usr/bin/env bash
# The `verify --format json` output of every eval draft, one after another, for checking
# that a refactor changes no verdict:  scripts/eval_json.sh > before.json  (then diff).
# Sets as arguments (default: every set under eval/ that has drafts).
set -uo pipefail
cd "$(dirname "$0")/.."
TIPCHECK=${TIPCHECK:-.venv/bin/tipcheck}
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=($(ls -d eval/*/drafts | cut -d/ -f2))
for set in "${sets[@]}"; do for draft in eval/"$set"/drafts/*.md; do
  echo "== $draft"
  "$TIPCHECK" verify --format json "$draft"
  echo
done; done
