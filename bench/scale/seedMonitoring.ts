/*
 * Monitoring alerts for bench/scale.ts and bench/soak.ts, written straight into the monitoring
 * plugin's tables once its migrations ran: a month of Alertmanager webhooks over a company's
 * services. Each alert series (component x alert name, one fingerprint) fired several times; only
 * its latest occurrence may still be firing or acknowledged (with its open acknowledgement), the
 * others are resolved. Deployments (the promotions plugin's outcomes) sit among them, as the
 * alert list names the deployment before each alert.
 */
import { createHash, randomUUID } from 'crypto';
import type { Knex } from 'knex';
import { DAY, insertAll, TEAMS, USERS } from './seed';
import { BENCH_COMPONENTS } from './seedSecurity';

const ALERT_NAMES = [
  'HighErrorRate',
  'HighLatencyP95',
  'InstanceDown',
  'PodCrashLooping',
  'DiskAlmostFull',
  'CertificateExpiresSoon',
  'QueueBacklog',
  'MemoryPressure',
  'ReplicasMismatch',
  'SloBudgetBurn',
];
const SEVERITIES = ['critical', 'high', 'warning', 'warning', 'info'];
/** Occurrences per series: a month of firings, three days apart. */
const OCCURRENCES = 10;

export interface MonitoringSeed {
  alertIds: string[];
}

export async function seedMonitoring(
  knex: Knex,
  count: number,
  now: number,
): Promise<MonitoringSeed> {
  const series = Math.max(
    1,
    Math.min(
      BENCH_COMPONENTS * ALERT_NAMES.length,
      Math.round(count / OCCURRENCES),
    ),
  );
  const alertIds = Array.from({ length: count }, () => randomUUID());
  const acks: Record<string, unknown>[] = [];
  const alerts = alertIds.map((id, i) => {
    const s = i % series;
    const k = Math.floor(i / series);
    const c = s % BENCH_COMPONENTS;
    const alertname =
      ALERT_NAMES[Math.floor(s / BENCH_COMPONENTS) % ALERT_NAMES.length];
    const severity = SEVERITIES[s % SEVERITIES.length];
    const component = `bench-service-${c}`;
    const startsAt = now - k * 3 * DAY - (s % 1440) * 60_000 - 1000;
    // The latest occurrence: 60 % firing, 20 % acknowledged, 20 % resolved; earlier ones resolved.
    const state =
      k > 0
        ? 'resolved'
        : ['firing', 'firing', 'firing', 'acknowledged', 'resolved'][s % 5];
    const acknowledgedAt =
      state === 'acknowledged' || (state === 'resolved' && i % 3 === 0)
        ? startsAt + ((i % 30) + 1) * 60_000
        : null;
    const resolvedAt =
      state === 'resolved' ? startsAt + ((i % 240) + 5) * 60_000 : null;
    const labels = {
      alertname,
      severity,
      component,
      namespace: component,
      instance: `${component}-${i % 3}:8080`,
      job: component,
    };
    if (state === 'acknowledged') {
      acks.push({
        alert_id: id,
        acked_by: `user:default/${USERS[i % USERS.length]}`,
        acked_at: acknowledgedAt,
        comment: 'Looking at it',
        expires_at: now + 30 * DAY,
        silence_id: null,
        ended_at: null,
        ended_reason: null,
        silence_open: false,
        assignee: `user:default/${USERS[(i + 1) % USERS.length]}`,
        ticket_id: i % 2 ? `SD-${String(i + 1).padStart(6, '0')}` : null,
      });
    }
    return {
      id,
      fingerprint: createHash('sha256')
        .update(`bench-alert-${s}`)
        .digest('hex')
        .slice(0, 16),
      starts_at: startsAt,
      state,
      alertname,
      severity,
      summary: `${alertname} on ${component}`,
      description: `${alertname} has been true for 5 minutes on ${labels.instance}.`,
      labels: JSON.stringify(labels),
      annotations: JSON.stringify({
        summary: `${alertname} on ${component}`,
        runbook_url: `https://runbooks.portico.example/${alertname}`,
      }),
      label_text: Object.entries(labels)
        .map(([key, value]) => `${key}=${value}`)
        .join('\n')
        .toLowerCase(),
      generator_url: `http://prometheus.portico.example/graph?g0.expr=${alertname}`,
      source: 'alertmanager',
      group_key: `{}:{alertname="${alertname}"}`,
      receiver: 'portico',
      component_ref: `component:default/${component}`,
      owner_ref: `group:default/${TEAMS[c % TEAMS.length]}`,
      acknowledged_at: acknowledgedAt,
      resolved_at: resolvedAt,
      created_at: startsAt,
      updated_at: resolvedAt ?? acknowledgedAt ?? startsAt,
    };
  });
  await insertAll(knex, 'monitoring_alerts', alerts);
  await insertAll(knex, 'monitoring_acks', acks);
  // One deployment per ten alerts, over the same month.
  await insertAll(
    knex,
    'monitoring_deployments',
    Array.from({ length: Math.ceil(count / 10) }, (_, j) => ({
      event_id: randomUUID(),
      component_ref: `component:default/bench-service-${j % BENCH_COMPONENTS}`,
      version: `1.${j % 100}.${j % 7}`,
      environment: 'PROD',
      request_id: randomUUID(),
      outcome: j % 10 ? 'succeeded' : 'failed',
      deployed_at: now - (j % 30) * DAY - (j % 1440) * 60_000 - 30 * 60_000,
    })),
  );
  return { alertIds };
}
