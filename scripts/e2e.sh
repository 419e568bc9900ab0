#!/usr/bin/env bash
# Builds the app, starts a throw-away portal (in-memory SQLite, port 7177) and runs the
# Playwright tests against it in Debian's Chromium. Called by scripts/test.sh.
# PORTICO_E2E_PORT moves the portal to another port (two checkouts side by side); arguments
# go to Playwright, e.g. `bash scripts/e2e.sh promotions.spec.ts` runs one spec.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bootstrap
ensure_chromium
ensure_nginx
# The security playbook spec isolates a real container.
ensure_docker
cd "$PORTICO_ROOT"

PORT="${PORTICO_E2E_PORT:-7177}"
export APP_CONFIG_app_baseUrl="http://localhost:$PORT"
export APP_CONFIG_backend_baseUrl="http://localhost:$PORT"
export APP_CONFIG_backend_listen_port="$PORT"
URL="http://localhost:$PORT"
LOG="$PORTICO_ROOT/test-results/e2e/backend.log"
mkdir -p "$(dirname "$LOG")"

# Try-It never calls loopback: the test's upstream listens on this machine's first non-loopback
# address, next to the portal's port, and only that address and port are allow-listed.
export PORTICO_E2E_UPSTREAM_HOST="${PORTICO_E2E_UPSTREAM_HOST:-$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -m1 -E '^[0-9]+(\.[0-9]+){3}$' || true)}"
[ -n "$PORTICO_E2E_UPSTREAM_HOST" ] || die "The e2e needs a non-loopback IPv4 address (set PORTICO_E2E_UPSTREAM_HOST)"
export PORTICO_E2E_UPSTREAM_PORT="${PORTICO_E2E_UPSTREAM_PORT:-$((PORT + 1))}"
export APP_CONFIG_apim_tryIt_privateTargets="[{\"cidr\":\"$PORTICO_E2E_UPSTREAM_HOST/32\",\"ports\":[$PORTICO_E2E_UPSTREAM_PORT]}]"
mkdir -p test-results/e2e/catalog
sed "s|__E2E_UPSTREAM__|http://$PORTICO_E2E_UPSTREAM_HOST:$PORTICO_E2E_UPSTREAM_PORT|" \
  test/e2e/catalog/echo-api.yaml >test-results/e2e/catalog/echo-api.yaml

# A local Microsoft Graph for automations.spec.ts. MSAL (@azure/identity) refuses an http authority, so the
# fake Graph and token endpoint speak TLS with a certificate from a throw-away CA made here, under the ignored
# test-results folder; the backend trusts that CA through NODE_EXTRA_CA_CERTS. The spec starts the server.
TLS_DIR="$PORTICO_ROOT/test-results/e2e/tls"
rm -rf "$TLS_DIR" && mkdir -p "$TLS_DIR"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=Portico e2e throw-away CA" \
  -keyout "$TLS_DIR/ca-key.pem" -out "$TLS_DIR/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout "$TLS_DIR/graph-key.pem" -out "$TLS_DIR/graph.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$TLS_DIR/graph.ext"
openssl x509 -req -in "$TLS_DIR/graph.csr" -CA "$TLS_DIR/ca.pem" -CAkey "$TLS_DIR/ca-key.pem" -CAcreateserial \
  -days 1 -extfile "$TLS_DIR/graph.ext" -out "$TLS_DIR/graph.pem" 2>/dev/null
export NODE_EXTRA_CA_CERTS="$TLS_DIR/ca.pem"
export PORTICO_E2E_GRAPH_PORT="${PORTICO_E2E_GRAPH_PORT:-$((PORT + 2))}"
export PORTICO_E2E_GRAPH_CERT="$TLS_DIR/graph.pem" PORTICO_E2E_GRAPH_KEY="$TLS_DIR/graph-key.pem"
export PORTICO_E2E_GRAPH_TENANT="11111111-2222-4333-8444-555555555555"
export APP_CONFIG_portico_integrations_microsoftGraph_tenantId="$PORTICO_E2E_GRAPH_TENANT"
export APP_CONFIG_portico_integrations_microsoftGraph_clientId="portico-e2e"
export APP_CONFIG_portico_integrations_microsoftGraph_clientSecret="e2e-$(openssl rand -hex 16)"
export APP_CONFIG_portico_integrations_microsoftGraph_authorityHost="https://localhost:$PORTICO_E2E_GRAPH_PORT"
export APP_CONFIG_portico_integrations_microsoftGraph_baseUrl="https://localhost:$PORTICO_E2E_GRAPH_PORT"

(cd packages/app && backstage-cli package build >/dev/null)

# Prometheus, Alertmanager and a failing upstream for the monitoring spec (config through APP_CONFIG_*).
source test/e2e/monitoring/stack.sh
start_monitoring_stack "$PORT"

(cd packages/backend && exec backstage-cli package start \
  --config ../../app-config.yaml --config ../../test/e2e/app-config.e2e.yaml) >"$LOG" 2>&1 &
BACKEND_PID=$!
stop_backend() { pkill -P $BACKEND_PID 2>/dev/null; kill $BACKEND_PID 2>/dev/null; wait $BACKEND_PID 2>/dev/null; }
trap 'stop_monitoring_stack; stop_backend' EXIT

ready=""
for _ in $(seq 1 180); do
  kill -0 $BACKEND_PID 2>/dev/null || { tail -40 "$LOG"; die "The e2e backend stopped during start-up"; }
  grep -q "Backend startup failed" "$LOG" && { tail -40 "$LOG"; die "The e2e backend refused to start"; }
  if curl -fsS "$URL/api/auth/demo-users" 2>/dev/null | grep -q '"alice"'; then
    ready=1
    break
  fi
  sleep 1
done
[ -n "$ready" ] || { tail -40 "$LOG"; die "The e2e backend was not ready in 3 minutes"; }

PORTICO_E2E_BASE_URL="$URL" playwright test -c test/e2e/playwright.config.ts "$@"
