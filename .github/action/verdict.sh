#!/usr/bin/env bash
# The action's last step: the job's result, after the SARIF upload.
set -uo pipefail
code="${EXIT_CODE:-}"
case "$code" in
0) exit 0 ;;
1)
  echo "configward: findings at or above '${FAIL_ON:-low}' (the annotations and the job summary list them)"
  exit 1
  ;;
"")
  echo "::error title=configward::configward did not run: a step above failed (the build, or the scan step itself)"
  exit 1
  ;;
*)
  echo "configward: could not run (exit $code)"
  exit "$code"
  ;;
esac
