import { columnValues } from '@portico/portico-node';
import { SEVERITIES, type Severity } from '@portico/plugin-security-common';
import type { FindingEventRecord, FindingRecord } from './SecurityStore';
import type { Row } from './tables';

const { num, optNum, optStr } = columnValues;

/** Finding rows have 33 columns: about 300 rows per insert, a few statements for a large report. */
export const FINDING_INSERT_CHUNK = Math.floor(10_000 / 33);

export const severityRank = (severity: Severity) =>
  SEVERITIES.indexOf(severity);

export function toFinding(row: Row): FindingRecord {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    scanner: row.scanner,
    kind: row.kind,
    ruleId: row.rule_id,
    title: row.title,
    description: optStr(row.description),
    severity: row.severity,
    cvssScore: optNum(row.cvss_score),
    pkgName: optStr(row.pkg_name),
    installedVersion: optStr(row.installed_version),
    fixedVersion: optStr(row.fixed_version),
    target: optStr(row.target),
    primaryUrl: optStr(row.primary_url),
    artifact: row.artifact,
    repository: row.repository,
    digest: optStr(row.digest),
    componentRef: optStr(row.component_ref),
    ownerRef: optStr(row.owner_ref),
    state: row.state,
    revision: num(row.revision),
    occurrences: num(row.occurrences),
    firstScanId: optStr(row.first_scan_id),
    lastScanId: optStr(row.last_scan_id),
    firstSeenAt: num(row.first_seen_at),
    lastSeenAt: num(row.last_seen_at),
    fixedAt: optNum(row.fixed_at),
    dueAt: optNum(row.due_at),
    runtimeSeenAt: optNum(row.runtime_seen_at),
    riskExpiresAt: optNum(row.risk_expires_at),
    updatedAt: num(row.updated_at),
  };
}

export function findingRow(r: FindingRecord): Row {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    scanner: r.scanner,
    kind: r.kind,
    rule_id: r.ruleId,
    title: r.title,
    description: r.description ?? null,
    severity: r.severity,
    severity_rank: severityRank(r.severity),
    cvss_score: r.cvssScore ?? null,
    pkg_name: r.pkgName ?? null,
    installed_version: r.installedVersion ?? null,
    fixed_version: r.fixedVersion ?? null,
    target: r.target ?? null,
    primary_url: r.primaryUrl ?? null,
    artifact: r.artifact,
    repository: r.repository,
    digest: r.digest ?? null,
    component_ref: r.componentRef ?? null,
    owner_ref: r.ownerRef ?? null,
    state: r.state,
    revision: r.revision,
    occurrences: r.occurrences,
    first_scan_id: r.firstScanId ?? null,
    last_scan_id: r.lastScanId ?? null,
    first_seen_at: r.firstSeenAt,
    last_seen_at: r.lastSeenAt,
    fixed_at: r.fixedAt ?? null,
    due_at: r.dueAt ?? null,
    runtime_seen_at: r.runtimeSeenAt ?? null,
    risk_expires_at: r.riskExpiresAt ?? null,
    updated_at: r.updatedAt,
  };
}

export function toEvent(row: Row): FindingEventRecord {
  return {
    findingId: row.finding_id,
    action: row.action,
    from: row.from_state ?? null,
    to: row.to_state,
    actor: row.actor,
    comment: optStr(row.comment),
    at: num(row.at),
  };
}
