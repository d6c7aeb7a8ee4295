#!/usr/bin/env bash
# Render `verify --format html` for a set of drafts and photograph it with headless Chromium,
# to see that the page reads well:  scripts/html_screenshot.sh [OUT.png] [DRAFT|FOLDER...]
# (default: /tmp/tipcheck-report.png of eval/reporting/drafts). The page is kept beside the
# picture (OUT.html). Set TIP=f1-0 to photograph that figure's evidence open, as hovering it
# shows it (the picture is then taken of a copy of the page with that panel forced open);
# WINDOW=1200,3000 for another window size.
set -euo pipefail
# drafts are read from where the script was started, so the page names them as given;
# by default the eval drafts, named from the repository
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-/tmp/tipcheck-report.png}")
if [ $# -gt 0 ]; then shift; fi
drafts=("$@")
if [ ${#drafts[@]} -eq 0 ]; then cd "$repo"; drafts=(eval/reporting/drafts); fi
TIPCHECK=${TIPCHECK:-$repo/.venv/bin/tipcheck}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}
page="${out%.png}.html"
rm -f "$out"  # so that an old picture is never taken for a new one
# exit 1 only means the drafts have contradictions; anything else is a failure
"$TIPCHECK" verify --format html "${drafts[@]}" > "$page" || [ $? -eq 1 ]
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
shown="$page"
if [ -n "${TIP:-}" ]; then
  [[ $TIP =~ ^f[0-9]+-[0-9]+$ ]] || { echo "TIP must name a figure such as f1-0" >&2; exit 2; }
  shown="$profile/page.html"
  sed "s|</head>|<style>#$TIP-tip { display: block }</style></head>|" "$page" > "$shown"
fi
timeout 120 "$CHROMIUM" --headless --disable-gpu --no-sandbox --hide-scrollbars \
  --user-data-dir="$profile/chromium" --window-size="${WINDOW:-1200,2000}" --screenshot="$out" \
  "file://$(realpath "$shown")" 2>"$profile/chromium.log" || true
[ -s "$out" ] || { tail -20 "$profile/chromium.log" >&2; echo "no screenshot written to $out" >&2; exit 1; }
echo "$out (page: $page)" >&2
