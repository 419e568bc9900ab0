/*
 * Security findings for bench/scale.ts and bench/soak.ts, written straight into the security
 * plugin's tables once its migrations ran: what months of Trivy scans of a company's services
 * leave behind (findings in every state, the scans that reported them, timelines, risk
 * acceptances, Falco events), with the columns the stores read filled as the ingest fills them.
 */
import { createHash, randomUUID } from 'crypto';
import type { Knex } from 'knex';
import { DAY, insertAll, TEAMS, USERS } from './seed';

/** Components the findings are spread over (the promotions fixture names the same ones). */
export const BENCH_COMPONENTS = 500;
/** Weekly scans kept per component. */
const SCANS_PER_COMPONENT = 4;

// Cycles of 20: 5 % critical, 20 % high, 40 % medium, 30 % low, 5 % unknown.
const SEVERITIES = [
  'critical',
  'high',
  'high',
  'high',
  'high',
  ...Array(8).fill('medium'),
  ...Array(6).fill('low'),
  'unknown',
] as const;
const SEVERITY_RANK: Record<string, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  unknown: 4,
};
/** Days to fix (the config's defaults); low and unknown have no clock. */
const SLA_DAYS: Record<string, number | undefined> = {
  critical: 7,
  high: 30,
  medium: 90,
};
// 45 % open, 10 % acknowledged, 10 % in progress, 25 % fixed, 5 % accepted, 5 % false positive.
// Cycle of 20, 7 apart from the severity cycle's length so each state sees every severity.
const STATES = [
  ...Array(9).fill('open'),
  'acknowledged',
  'acknowledged',
  'in_progress',
  'in_progress',
  ...Array(5).fill('fixed'),
  'risk_accepted',
  'false_positive',
] as string[];

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');
const repositoryOf = (c: number) =>
  `registry.portico.example/bench/bench-service-${c}`;

export interface SecuritySeed {
  findingIds: string[];
}

/** `count` findings over BENCH_COMPONENTS components, as of `now`. */
export async function seedSecurity(
  knex: Knex,
  count: number,
  now: number,
): Promise<SecuritySeed> {
  const components = Math.min(BENCH_COMPONENTS, count);
  // scans[c][w]: the scan of component c w weeks ago.
  const scans = Array.from({ length: components }, (_, c) =>
    Array.from({ length: SCANS_PER_COMPONENT }, (__, w) => ({
      id: randomUUID(),
      scanner: 'trivy',
      artifact: `${repositoryOf(c)}:1.${SCANS_PER_COMPONENT - w}.0`,
      repository: repositoryOf(c),
      digest: `sha256:${sha256(`bench-scan-${c}-${w}`)}`,
      image_id: `sha256:${sha256(`bench-image-${c}-${w}`)}`,
      payload_hash: sha256(`bench-payload-${c}-${w}-${randomUUID()}`),
      actor: 'external:gitlab-ci',
      summary: JSON.stringify({
        scanner: 'trivy',
        artifact: `${repositoryOf(c)}:1.${SCANS_PER_COMPONENT - w}.0`,
      }),
      created_at: now - w * 7 * DAY - c * 1000,
    })),
  );
  await insertAll(knex, 'security_scans', scans.flat());

  const findingIds = Array.from({ length: count }, () => randomUUID());
  const occurrences: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const risks: Record<string, unknown>[] = [];
  const findings = findingIds.map((id, i) => {
    const c = i % components;
    const severity = SEVERITIES[i % SEVERITIES.length];
    const state = STATES[Math.floor(i / 7) % STATES.length];
    // One finding in 50 is a Falco runtime alert, the others Trivy vulnerabilities.
    const runtime = i % 50 === 0;
    // Seen first by the scan k weeks ago, then by every later one (the occurrences).
    const k = i % SCANS_PER_COMPONENT;
    const firstScan = scans[c][k];
    const firstSeenAt = now - ((i * 7919) % 180) * DAY - (i % 86_400) * 1000;
    const slaDays = SLA_DAYS[severity];
    const fixedAt =
      state === 'fixed'
        ? Math.max(
            firstSeenAt,
            Math.min(now - 1000, firstSeenAt + ((i % 60) + 1) * DAY),
          )
        : null;
    for (let w = k - 1; w >= 0 && !runtime; w--) {
      occurrences.push({
        finding_id: id,
        scan_id: scans[c][w].id,
        at: scans[c][w].created_at,
      });
    }
    const event = (
      action: string,
      from: string,
      to: string,
      actor: string,
      at: number,
      comment?: string,
    ) =>
      events.push({
        finding_id: id,
        action,
        from_state: from,
        to_state: to,
        actor,
        comment: comment ?? null,
        at,
      });
    const owner = `user:default/${USERS[i % USERS.length]}`;
    if (state === 'acknowledged' || state === 'in_progress') {
      event(
        'acknowledge',
        'open',
        'acknowledged',
        owner,
        firstSeenAt + DAY,
        'Looking at it',
      );
    }
    if (state === 'in_progress')
      event(
        'start',
        'acknowledged',
        'in_progress',
        owner,
        firstSeenAt + 2 * DAY,
      );
    if (state === 'fixed')
      event(
        'fixed',
        'open',
        'fixed',
        'plugin:security',
        fixedAt!,
        'Not reported by the last scan',
      );
    const riskExpiresAt =
      state === 'risk_accepted' || state === 'false_positive'
        ? now + ((i % 180) + 1) * DAY
        : null;
    if (riskExpiresAt) {
      const requestedAt = firstSeenAt + DAY;
      risks.push({
        id: randomUUID(),
        finding_id: id,
        kind: state,
        justification: 'Not reachable from outside the cluster network',
        expires_at: riskExpiresAt,
        requested_by: owner,
        state: 'approved',
        revision: 1,
        decided_by: 'user:default/erin',
        decision_comment: 'Agreed',
        created_at: requestedAt,
        decided_at: requestedAt + DAY,
      });
      event(
        'approve_risk',
        'open',
        state,
        'user:default/erin',
        requestedAt + DAY,
        'Agreed',
      );
    }
    const ruleId = runtime
      ? `falco-rule-${i % 40}`
      : `CVE-2024-${String(10_000 + Math.floor(i / components)).padStart(
          5,
          '0',
        )}`;
    return {
      id,
      fingerprint: sha256(`bench-finding-${i}`),
      scanner: runtime ? 'falco' : 'trivy',
      kind: runtime ? 'runtime' : 'vulnerability',
      rule_id: ruleId,
      title: runtime
        ? `Terminal shell in container (${i % 40})`
        : `${ruleId}: buffer overflow in libbench${i % 300}`,
      description: runtime
        ? null
        : 'A crafted input overflows a buffer in the parser.',
      severity,
      severity_rank: SEVERITY_RANK[severity],
      cvss_score: runtime
        ? null
        : Math.round((10 - SEVERITY_RANK[severity] * 2 + (i % 10) / 10) * 10) /
          10,
      pkg_name: runtime ? null : `libbench${i % 300}`,
      installed_version: runtime ? null : `1.${i % 20}.0`,
      fixed_version: runtime ? null : `1.${(i % 20) + 1}.0`,
      target: runtime ? null : `${firstScan.artifact} (debian 12.5)`,
      primary_url: runtime
        ? null
        : `https://avd.aquasec.com/nvd/${ruleId.toLowerCase()}`,
      artifact: firstScan.artifact,
      repository: repositoryOf(c),
      digest: scans[c][0].digest,
      component_ref: `component:default/bench-service-${c}`,
      owner_ref: `group:default/${TEAMS[c % TEAMS.length]}`,
      state,
      revision: state === 'open' ? 0 : state === 'in_progress' ? 2 : 1,
      occurrences: runtime ? 1 : k + 1,
      first_scan_id: runtime ? null : firstScan.id,
      last_scan_id: runtime ? null : scans[c][0].id,
      first_seen_at: firstSeenAt,
      last_seen_at:
        state === 'fixed'
          ? Math.max(firstSeenAt, fixedAt! - DAY)
          : Math.max(firstSeenAt, scans[c][0].created_at),
      fixed_at: fixedAt,
      due_at: slaDays ? firstSeenAt + slaDays * DAY : null,
      runtime_seen_at: runtime || i % 97 === 0 ? firstSeenAt + 3600_000 : null,
      risk_expires_at: riskExpiresAt,
      updated_at: fixedAt ?? firstSeenAt + 2 * DAY,
    };
  });
  await insertAll(knex, 'security_findings', findings);
  await insertAll(knex, 'security_occurrences', occurrences);
  await insertAll(knex, 'security_finding_events', events);
  await insertAll(knex, 'security_risk_requests', risks);

  // Falco events of the runtime findings, about one per 20 findings, over the last 30 days.
  const runtimeIndexes = findings.flatMap((f, i) =>
    f.kind === 'runtime' ? [i] : [],
  );
  await insertAll(
    knex,
    'security_falco_events',
    Array.from({ length: Math.ceil(count / 20) }, (_, j) => {
      const i = runtimeIndexes[j % runtimeIndexes.length];
      const finding = findings[i];
      const c = i % components;
      return {
        uuid: randomUUID(),
        rule: finding.rule_id,
        priority: finding.severity === 'critical' ? 'Critical' : 'Warning',
        severity: finding.severity,
        output: `A shell was spawned in a container (user=root container=bench-service-${c})`,
        event_time: now - (j % 30) * DAY - j * 1000,
        hostname: `node-${c % 20}`,
        container_id: sha256(`bench-container-${c}`).slice(0, 12),
        image_repository: finding.repository,
        namespace: `bench-service-${c}`,
        component_ref: finding.component_ref,
        finding_id: finding.id,
        fields: JSON.stringify({ 'proc.name': 'bash', 'user.name': 'root' }),
        received_at: now - (j % 30) * DAY - j * 1000,
      };
    }),
  );
  return { findingIds };
}
