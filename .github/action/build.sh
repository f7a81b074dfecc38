#!/usr/bin/env bash
# Builds the analyzer from the action's own source (pinning the action pins
# the analyzer) into BIN_DIR; runs only when no cache had it. A failed build
# says so as an error annotation and fails the step.
set -uo pipefail
: "${ACTION_PATH:?ACTION_PATH must be set}" "${BIN_DIR:?BIN_DIR must be set}"
mkdir -p "$BIN_DIR"
cd "$ACTION_PATH" || exit 1
echo "Building configward once for this action version into $BIN_DIR"
if ! go build -trimpath -o "$BIN_DIR/configward" ./cmd/configward; then
  echo "::error title=configward::could not build configward from the action's source ($(go version 2>&1 | head -n 1)); the errors are above, and nothing was scanned"
  exit 1
fi
# setup-go put its Go first on PATH; the user's own Go comes first again.
if [ -n "${USER_GO_DIR:-}" ] && [ -n "${GITHUB_PATH:-}" ]; then
  echo "$USER_GO_DIR" >>"$GITHUB_PATH"
fi
