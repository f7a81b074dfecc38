#!/usr/bin/env bash
# The action's first step: where the analyzer binary of this action version
# lives, and whether it is already there. The key names the action's ref and
# a hash of the sources that make the binary, so a moving ref (@main) builds
# again when the code changes and a pinned one builds once.
set -euo pipefail
: "${ACTION_PATH:?ACTION_PATH must be set}" "${GITHUB_OUTPUT:?GITHUB_OUTPUT must be set}"
hash=$(cd "$ACTION_PATH" &&
  find . -type f \( -name go.mod -o -name go.sum -o -path './cmd/*' -o -path './analyzer/*' -o -path './parsers/*' -o -path './rules/*' \) \
    -not -path '*/testdata/*' -not -name '*_test.go' -print0 |
  LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)
ref=$(printf '%s' "${ACTION_REF:-local}" | tr -c 'A-Za-z0-9._-' '_')
key="configward-${RUNNER_OS:-os}-${RUNNER_ARCH:-arch}-${ref}-${hash}"
dir="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/configward/${key}"
hit=false
if [ -x "$dir/configward" ]; then
  hit=true
  echo "configward $key is in the tool cache"
fi
{
  echo "key=$key"
  echo "dir=$dir"
  echo "hit=$hit"
} >>"$GITHUB_OUTPUT"
