#!/usr/bin/env bash
# The `verify --format json` output of every eval draft, one after another, for checking
# that a refactor changes no verdict:  scripts/eval_json.sh > before.json  (then diff)
set -uo pipefail
cd "$(dirname "$0")/.."
TIPCHECK=${TIPCHECK:-.venv/bin/tipcheck}
for draft in eval/*/drafts/*.md; do
  echo "== $draft"
  "$TIPCHECK" verify --format json "$draft"
  echo
done
