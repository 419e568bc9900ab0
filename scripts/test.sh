#!/usr/bin/env bash
# `npm test`: type-check, lint, every package's unit and integration tests (databases on
# SQLite and PostgreSQL), and the end-to-end smoke test in headless Chromium.
# Ends with one line: `N passed, N failed`.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bootstrap
cd "$PORTICO_ROOT"

RESULTS="$PORTICO_ROOT/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

ensure_chromium
ensure_postgres
# The isolation playbook's actions run against a real Docker Engine (Debian's dockerd).
ensure_docker
export PORTICO_TEST_ENGINES_FILE="$RESULTS/db-engines.txt"
: >"$PORTICO_TEST_ENGINES_FILE"
export PORTICO_TEST_DOCKER_FILE="$RESULTS/docker-engine.txt"
: >"$PORTICO_TEST_DOCKER_FILE"

PASSED=0
FAILED=0
FAILURES=()

count() { # passed failed label
  PASSED=$((PASSED + $1))
  FAILED=$((FAILED + $2))
  [ "$2" -gt 0 ] && FAILURES+=("$3")
  return 0
}

check() { # label command...: a whole step counts as one check
  local label="$1"
  shift
  log "$label"
  if "$@"; then count 1 0 "$label"; else count 0 1 "$label"; fi
}

check "Type-check (tsc)" tsc
check "Lint" backstage-cli repo lint
check "Prometheus rules (promtool)" check_prometheus_rules

log "Unit and integration tests (jest)"
# Without CI set, the Backstage CLI runs jest in watch mode.
CI="${CI:-true}" backstage-cli repo test --ci --json --outputFile="$RESULTS/jest.json" || true
if [ -f "$RESULTS/jest.json" ]; then
  read -r jest_passed jest_failed < <(node -e '
    const r = require(process.argv[1]);
    // A suite that cannot even run has no failed tests of its own: count it as a failure.
    console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites);
  ' "$RESULTS/jest.json")
  count "$jest_passed" "$jest_failed" "jest"
else
  count 0 1 "jest (no results)"
fi

log "End-to-end smoke test (Playwright, headless Chromium)"
if bash scripts/e2e.sh; then :; fi
if [ -f "$RESULTS/e2e/results.json" ]; then
  read -r e2e_passed e2e_failed < <(node -e '
    const s = require(process.argv[1]).stats;
    console.log(s.expected + s.flaky, s.unexpected);
  ' "$RESULTS/e2e/results.json")
  [ "$e2e_passed" -eq 0 ] && [ "$e2e_failed" -eq 0 ] && e2e_failed=1
  count "$e2e_passed" "$e2e_failed" "e2e"
else
  count 0 1 "e2e (no results)"
fi

engines="$(sort -u "$PORTICO_TEST_ENGINES_FILE" | paste -sd, - | sed 's/,/, /g')"
echo
log "Database engines that ran: ${engines:-none}"
if [ -n "${KAFKA_BROKERS:-}" ]; then
  log "Kafka integration test: ran against $KAFKA_BROKERS"
else
  log "Kafka integration test: skipped (set KAFKA_BROKERS=host:port to run it against a broker)"
fi
docker_engine="$(sort -u "$PORTICO_TEST_DOCKER_FILE" | paste -sd, -)"
if [ -n "$docker_engine" ]; then
  log "Docker Engine: ran ($docker_engine on $PORTICO_DOCKER_SOCKET)"
else
  log "Docker Engine: skipped (no engine answered on $PORTICO_DOCKER_SOCKET)"
  if [ "${PORTICO_REQUIRE_DOCKER:-0}" = "1" ]; then count 0 1 "Docker Engine"; fi
fi
if [ "${PORTICO_REQUIRE_POSTGRES:-0}" = "1" ] && ! grep -q PostgreSQL "$PORTICO_TEST_ENGINES_FILE"; then
  log "PostgreSQL is installed but no database test ran on it"
  count 0 1 "PostgreSQL engine"
fi
if ! grep -q SQLite "$PORTICO_TEST_ENGINES_FILE"; then
  log "No database test ran on SQLite"
  count 0 1 "SQLite engine"
fi
[ ${#FAILURES[@]} -gt 0 ] && log "Failed: ${FAILURES[*]}"
log "Screenshots: test-results/e2e/screenshots/"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
