#!/usr/bin/env bash
# The GitHub Action's scan step (action.yml runs it; a test runs it here with
# the GITHUB_* files pointed at temporary files). It scans once per output
# it was asked for, writes the step outputs and never fails the step itself:
# the exit code goes to the `exit-code` output, which the action's last step
# turns into the job's result after the SARIF upload.
set -euo pipefail

: "${GITHUB_OUTPUT:?GITHUB_OUTPUT must be set}"
path="${INPUT_PATH:-.}"
fail_on="${INPUT_FAIL_ON:-low}"
min_severity="${INPUT_MIN_SEVERITY:-low}"
sarif="${INPUT_SARIF_FILE:-configward.sarif}"

# Build from the action's own checkout, so pinning the action pins the
# analyzer; CONFIGWARD_BIN short-circuits that for tests.
bin="${CONFIGWARD_BIN:-}"
if [ -z "$bin" ]; then
  bin="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/configward"
  (cd "${ACTION_PATH:?ACTION_PATH must be set}" && go build -trimpath -o "$bin" ./cmd/configward)
fi

common=(--min-severity "$min_severity")
[ -n "${INPUT_CONFIG:-}" ] && common+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_BASELINE:-}" ] && common+=(--baseline "$INPUT_BASELINE")
extra=()
[ -n "${INPUT_ARGS:-}" ] && read -r -a extra <<<"$INPUT_ARGS"
paths=()
read -r -a paths <<<"$path"

set +e
"$bin" scan "${common[@]}" "${extra[@]}" --fail-on "$fail_on" --format sarif --output "$sarif" "${paths[@]}"
code=$?
set -e
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
if [ "$code" -eq 2 ]; then
  echo "::error title=configward::configward could not run (see the log above)"
  exit 0
fi
echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"

# The number of findings that count: unsuppressed and not unchanged since
# the baseline.
json=$("$bin" scan "${common[@]}" "${extra[@]}" --fail-on none --format json "${paths[@]}")
if command -v jq >/dev/null 2>&1; then
  findings=$(jq '[.findings[] | select(.suppressed == false and (.baselineState // "new") != "unchanged")] | length' <<<"$json")
else
  findings=$(grep -c '"suppressed": false' <<<"$json" || true)
fi
echo "findings=$findings" >>"$GITHUB_OUTPUT"

if [ "${INPUT_ANNOTATIONS:-true}" = "true" ]; then
  annotations=$("$bin" scan "${common[@]}" "${extra[@]}" --fail-on none --format github "${paths[@]}")
  changed=""
  # On a pull request, annotate only the lines it changes when git can tell.
  if [ -n "${GITHUB_BASE_REF:-}" ] && git rev-parse --verify -q "origin/$GITHUB_BASE_REF" >/dev/null 2>&1; then
    changed=$(git diff --unified=0 "origin/$GITHUB_BASE_REF"...HEAD | awk '
      /^\+\+\+ b\// { file = substr($0, 7); next }
      /^@@/ { split($3, a, ","); start = substr(a[1], 2); n = (a[2] == "" ? 1 : a[2]);
              for (i = 0; i < n; i++) print file ":" start + i }')
  fi
  if [ -n "$changed" ]; then
    awk -v changed="$changed" '
      BEGIN { n = split(changed, c, "\n"); for (i = 1; i <= n; i++) keep[c[i]] = 1 }
      match($0, /file=[^,]*/) { f = substr($0, RSTART + 5, RLENGTH - 5)
        if (match($0, /line=[0-9]+/)) { l = substr($0, RSTART + 5, RLENGTH - 5); if ((f ":" l) in keep) print; next } }
      { print }' <<<"$annotations"
  else
    printf '%s\n' "$annotations"
  fi
fi

if [ "${INPUT_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  "$bin" scan "${common[@]}" "${extra[@]}" --fail-on "$fail_on" --format markdown "${paths[@]}" >>"$GITHUB_STEP_SUMMARY" || true
fi
exit 0
