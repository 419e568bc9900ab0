#!/usr/bin/env bash
# `npm start`: builds the frontend and serves the whole portal at http://localhost:7007 on the
# embedded defaults (SQLite under .portico-data/, demo sign-in, demo catalog).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bootstrap
cd "$PORTICO_ROOT"

PORT=7007
URL="http://localhost:$PORT"

if curl -fsS -o /dev/null "$URL/.backstage/health/v1/liveness" 2>/dev/null; then
  die "Something already answers on port $PORT (another Portico?). Stop it first."
fi

frontend_is_stale() {
  local built="packages/app/dist/index.html"
  [ ! -f "$built" ] && return 0
  [ -n "$(find packages/app/src packages/app/public packages/app/package.json plugins/*/src package-lock.json \
    -newer "$built" -print -quit 2>/dev/null)" ]
}

if frontend_is_stale; then
  log "Building the frontend"
  (cd packages/app && backstage-cli package build >/dev/null)
else
  log "Frontend is up to date (packages/app/dist)"
fi

mkdir -p .portico-data
LOG=.portico-data/backend.log
log "Starting the backend on port $PORT (log: $LOG)"
# The backend's output goes to the terminal and to the log, which tells a failed start.
(cd packages/backend && exec backstage-cli package start) > >(tee "$LOG") 2>&1 &
BACKEND_PID=$!
stop_backend() { pkill -P $BACKEND_PID 2>/dev/null; kill $BACKEND_PID 2>/dev/null; wait $BACKEND_PID 2>/dev/null; }
trap stop_backend INT TERM EXIT

# Ready means: the backend answers and the catalog has the demo users.
ready=""
for _ in $(seq 1 180); do
  kill -0 $BACKEND_PID 2>/dev/null || die "The backend stopped during start-up (see $LOG)"
  # In development the CLI keeps watching after the backend dies; the log says why it died.
  if grep -q "Backend startup failed" "$LOG" 2>/dev/null; then
    die "The backend refused to start: $(grep -o 'caused by [^[]*' "$LOG" | head -3 | tr '\n' ' ')"
  fi
  users="$(curl -fsS "$URL/api/auth/demo-users" 2>/dev/null || true)"
  if [ -n "$users" ] && node -e 'process.exit(JSON.parse(process.argv[1]).users.length ? 0 : 1)' "$users" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 1
done
[ -n "$ready" ] || die "The portal was not ready within 3 minutes (see $LOG)"

printf '\n\033[1;32mPortico is ready at %s\033[0m\n\n' "$URL"
printf 'Sign in as any demo user (no password). Groups are roles:\n'
node -e '
  const { users } = JSON.parse(process.argv[1]);
  for (const u of users) {
    const groups = u.groups.map(g => g.replace(/^group:default\//, "")).join(", ");
    console.log(`  ${u.name.padEnd(8)} ${u.displayName.padEnd(16)} ${groups}`);
  }' "$users"
printf '\nA token for scripts: curl -s -H "x-portico-demo-user: alice" %s/api/auth/demo/refresh\n' "$URL"
printf 'Metrics: %s/metrics    Stop: Ctrl-C\n\n' "$URL"

wait $BACKEND_PID
