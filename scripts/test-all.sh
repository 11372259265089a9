#!/usr/bin/env bash
# Runs the unit, integration and end-to-end suites one after another, prints each suite's counts
# and ends with one line "N passed, N failed" that sums them all. Exits non-zero when any test
# failed. The integration and end-to-end suites install code-server on their first run (see
# scripts/setup-code-server.sh).
set -uo pipefail
cd "$(dirname "$0")/.."

total_passed=0
total_failed=0
summary=()

# Prints the count from the last "N <word>" line of a mocha-style summary, or 0.
last_count() {
  local word="$1" file="$2"
  sed 's/\x1b\[[0-9;]*m//g' "$file" | grep -Eo "^ *[0-9]+ $word" | tail -n 1 | grep -Eo '[0-9]+' || echo 0
}

run_suite() {
  local name="$1"
  shift
  local log status passed failed
  log="$(mktemp)"
  echo "=== $name suite: $*"
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  passed="$(last_count passing "$log")"
  failed="$(last_count failing "$log")"
  # A suite that failed without reporting a failing test (a build error, a crash) still counts.
  if [[ "$status" -ne 0 && "$failed" -eq 0 ]]; then
    failed=1
    echo "$name suite exited with status $status before reporting a failing test"
  fi
  rm -f "$log"
  summary+=("$name: $passed passed, $failed failed")
  echo "$name: $passed passed, $failed failed"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
}

run_suite unit npm run --silent test:unit
run_suite integration npm run --silent test:integration
run_suite e2e npm run --silent test:e2e

echo
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
[[ "$total_failed" -eq 0 ]]
