# Sourced by scripts/e2e.sh: real Prometheus and Alertmanager (Debian packages) and a demo
# upstream that fails, for test/e2e/monitoring.spec.ts. Ports follow the portal's: PORT+10 the
# upstream, +11 Prometheus, +12 Alertmanager. The portal learns them through APP_CONFIG_ variables
# (set before it starts); the spec through PORTICO_E2E_* variables.

MONITORING_PIDS=()

start_monitoring_stack() { # port
  local port="$1"
  command -v prometheus >/dev/null 2>&1 && command -v prometheus-alertmanager >/dev/null 2>&1 || {
    log "Prometheus or Alertmanager missing: the monitoring e2e test will be skipped"
    return 0
  }
  local dir="$PORTICO_ROOT/test-results/e2e/monitoring"
  rm -rf "$dir" && mkdir -p "$dir/prometheus-data" "$dir/alertmanager-data"
  local upstream=$((port + 10)) prom=$((port + 11)) am=$((port + 12))
  local token="e2e-alertmanager-$RANDOM$RANDOM"

  cat >"$dir/rules.yml" <<RULES
groups:
  - name: e2e
    rules:
      # portico.yml's HighErrorRate on short windows, so the test does not wait five minutes.
      - alert: HighErrorRate
        expr: (sum by (job, service) (rate(http_requests_total{status=~"5.."}[10s]))) / (sum by (job, service) (rate(http_requests_total[10s]))) > 0.05
        labels:
          severity: critical
        annotations:
          summary: 'More than 5 % of the requests of {{ \$labels.job }} fail (5xx)'
RULES
  cat >"$dir/prometheus.yml" <<PROM
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files: ['$dir/rules.yml']
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$am']
scrape_configs:
  - job_name: payments-gateway
    static_configs:
      - targets: ['127.0.0.1:$upstream']
PROM
  cat >"$dir/alertmanager.yml" <<AM
route:
  receiver: portico
  group_by: [alertname]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
  - name: portico
    webhook_configs:
      - url: http://localhost:$port/api/monitoring/alertmanager
        send_resolved: true
        http_config:
          authorization:
            credentials: $token
AM

  node "$PORTICO_ROOT/test/e2e/monitoring/upstream.js" "$upstream" >"$dir/upstream.log" 2>&1 &
  MONITORING_PIDS+=($!)
  prometheus-alertmanager --config.file="$dir/alertmanager.yml" --storage.path="$dir/alertmanager-data" \
    --web.listen-address="127.0.0.1:$am" --cluster.listen-address= >"$dir/alertmanager.log" 2>&1 &
  MONITORING_PIDS+=($!)
  prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/prometheus-data" \
    --web.listen-address="127.0.0.1:$prom" --rules.alert.resend-delay=2s >"$dir/prometheus.log" 2>&1 &
  MONITORING_PIDS+=($!)

  export APP_CONFIG_monitoring_prometheus_baseUrl="http://127.0.0.1:$prom"
  export APP_CONFIG_monitoring_alertmanager_baseUrl="http://127.0.0.1:$am"
  export APP_CONFIG_monitoring_alertmanager_webhookToken="$token"
  export APP_CONFIG_monitoring_alertmanager_reconcileSeconds=3
  export PORTICO_E2E_UPSTREAM_URL="http://127.0.0.1:$upstream"
  export PORTICO_E2E_PROMETHEUS_URL="http://127.0.0.1:$prom"
  export PORTICO_E2E_ALERTMANAGER_URL="http://127.0.0.1:$am"
}

stop_monitoring_stack() {
  local pid
  for pid in "${MONITORING_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${MONITORING_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  MONITORING_PIDS=()
}
