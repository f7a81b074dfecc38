#!/usr/bin/env bash
# The action's scan step: one configward run writes every output (SARIF,
# JSON for the step outputs, the markdown summary, and the annotations on
# stdout). The step itself never fails on findings: the exit code goes to
# the exit-code output, which the last step turns into the job's result
# after the SARIF upload.
set -euo pipefail
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT must be set}" "${CONFIGWARD_BIN:?CONFIGWARD_BIN must be set}"
bin=$CONFIGWARD_BIN
sarif="${INPUT_SARIF_FILE:-configward.sarif}"
out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/configward-$$"
mkdir -p "$out"

# One item per line: a path or an argument may hold spaces.
lines() { printf '%s\n' "$1" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' -e '/^$/d'; }
mapfile -t paths < <(lines "${INPUT_PATH:-.}")
[ "${#paths[@]}" -gt 0 ] || paths=(.)
mapfile -t extra < <(lines "${INPUT_ARGS:-}")

args=(scan --fail-on "${INPUT_FAIL_ON:-low}" --min-severity "${INPUT_MIN_SEVERITY:-low}")
[ -z "${INPUT_CONFIG:-}" ] || args+=(--config "$INPUT_CONFIG")
[ -z "${INPUT_BASELINE:-}" ] || args+=(--baseline "$INPUT_BASELINE")

# On a pull request: compare with the merge base (new-only) and annotate
# changed lines, when the checkout has the base commit. configward runs no
# git itself: the base is checked out here, in a worktree outside the
# workspace (no hooks, no LFS download), and scanned from the same
# directory with the same paths and arguments and the base's own
# configuration; its SARIF report is the head scan's baseline.
case "${EVENT_NAME:-}" in
pull_request | pull_request_target) pr=true ;;
*) pr=false ;;
esac
new_only="${INPUT_NEW_ONLY:-}"
[ -n "$new_only" ] || new_only=$pr
gitq() { git -c core.hooksPath=/dev/null -c core.quotePath=false "$@"; }
if [ "$pr" = true ] && [ -n "${BASE_SHA:-}" ]; then
  if merge_base=$(gitq merge-base "$BASE_SHA" HEAD 2>/dev/null); then
    if [ "${INPUT_ANNOTATIONS:-true}" = true ]; then
      gitq diff --unified=0 --no-color --no-ext-diff --no-textconv -M --relative "$merge_base" -- >"$out/changed.diff"
      args+=(--changed-lines "$out/changed.diff")
    fi
    if [ "$new_only" = true ]; then
      prefix=$(gitq rev-parse --show-prefix)
      base_tree="$out/base-tree"
      GIT_LFS_SKIP_SMUDGE=1 gitq worktree add --detach --quiet "$base_tree" "$merge_base"
      trap 'gitq worktree remove --force "$base_tree" >/dev/null 2>&1 || true' EXIT
      base_args=(scan --fail-on none --min-severity "${INPUT_MIN_SEVERITY:-low}" --format sarif --output "$out/merge-base-${merge_base:0:7}.sarif")
      if [ -n "${INPUT_CONFIG:-}" ] && [ -f "$base_tree/$prefix$INPUT_CONFIG" ]; then
        base_args+=(--config "$INPUT_CONFIG")
      fi
      base_paths=()
      for p in "${paths[@]}"; do
        [ ! -e "$base_tree/$prefix$p" ] || base_paths+=("$p")
      done
      if [ "${#base_paths[@]}" -gt 0 ]; then
        if ! (cd "$base_tree/$prefix" && "$bin" "${base_args[@]}" "${extra[@]}" -- "${base_paths[@]}" 2>/dev/null); then
          echo "::warning title=configward::could not scan the merge base ${merge_base:0:7}: every finding counts"
        else
          args+=(--baseline "$out/merge-base-${merge_base:0:7}.sarif")
        fi
      else
        # Nothing scanned existed at the base: an empty report, every finding is new.
        echo '{"version": "2.1.0", "runs": [{"results": []}]}' >"$out/merge-base-${merge_base:0:7}.sarif"
        args+=(--baseline "$out/merge-base-${merge_base:0:7}.sarif")
      fi
      args+=(--baseline-config "$base_tree/$prefix${INPUT_CONFIG:-.configward.yml}")
    fi
  else
    echo "::warning title=configward::the pull request's base commit is not in the checkout (actions/checkout needs fetch-depth: 0): every finding counts and every one is annotated"
  fi
elif [ "$new_only" = true ]; then
  echo "::notice title=configward::new-only applies to pull requests; this ${EVENT_NAME:-run} counts every finding"
fi

args+=(--report "sarif=$sarif" --report "json=$out/report.json" --report "markdown=$out/summary.md" --report "mermaid=$out/graph.mmd")
if [ "${INPUT_ANNOTATIONS:-true}" = true ]; then
  args+=(--format github)
else
  args+=(--format text --no-color)
fi

set +e
"$bin" "${args[@]}" "${extra[@]}" -- "${paths[@]}"
code=$?
set -e
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
  echo "::error title=configward::configward could not run (exit $code; the log above says why)"
  exit 0
fi
echo "sarif-file=$sarif" >>"$GITHUB_OUTPUT"
findings=$(sed -n 's/^    "open": \([0-9][0-9]*\),$/\1/p' "$out/report.json")
echo "findings=${findings:-0}" >>"$GITHUB_OUTPUT"
# The delivery path picture, which GitHub renders from a mermaid block (its
# text holds no backtick: names are written as Mermaid entity codes).
if grep -q '^  n1' "$out/graph.mmd" 2>/dev/null; then
  printf '\n### AWS Config delivery path\n\n```mermaid\n%s\n```\n' "$(cat "$out/graph.mmd")" >>"$out/summary.md"
fi
echo "summary-file=$out/summary.md" >>"$GITHUB_OUTPUT"
if [ "${INPUT_SUMMARY:-true}" = true ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out/summary.md" >>"$GITHUB_STEP_SUMMARY"
fi
exit 0
