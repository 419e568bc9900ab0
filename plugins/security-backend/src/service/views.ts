import {
  ACTIVE_STATES,
  type Finding,
  type RiskRequest,
  type TimelineEntry,
} from '@portico/plugin-security-common';
import type {
  FindingEventRecord,
  FindingRecord,
  RiskRequestRecord,
} from '../database/SecurityStore';

const iso = (ms: number) => new Date(ms).toISOString();
const optIso = (ms: number | undefined) =>
  ms === undefined ? undefined : iso(ms);

export function isOverdue(record: FindingRecord, now: number): boolean {
  return (
    ACTIVE_STATES.includes(record.state) &&
    record.dueAt !== undefined &&
    record.dueAt < now
  );
}

export function toFindingView(r: FindingRecord, now: number): Finding {
  return {
    id: r.id,
    fingerprint: r.fingerprint,
    scanner: r.scanner,
    kind: r.kind,
    ruleId: r.ruleId,
    title: r.title,
    description: r.description,
    severity: r.severity,
    cvssScore: r.cvssScore,
    pkgName: r.pkgName,
    installedVersion: r.installedVersion,
    fixedVersion: r.fixedVersion,
    target: r.target,
    primaryUrl: r.primaryUrl,
    artifact: r.artifact,
    repository: r.repository,
    digest: r.digest,
    componentRef: r.componentRef,
    ownerRef: r.ownerRef,
    state: r.state,
    revision: r.revision,
    occurrences: r.occurrences,
    firstSeenAt: iso(r.firstSeenAt),
    lastSeenAt: iso(r.lastSeenAt),
    fixedAt: optIso(r.fixedAt),
    dueAt: optIso(r.dueAt),
    overdue: isOverdue(r, now),
    runtimeSeenAt: optIso(r.runtimeSeenAt),
    riskExpiresAt: optIso(r.riskExpiresAt),
  };
}

export function toTimelineEntry(e: FindingEventRecord): TimelineEntry {
  return {
    action: e.action,
    from: e.from,
    to: e.to,
    actor: e.actor,
    comment: e.comment,
    at: iso(e.at),
  };
}

export function toRiskRequestView(r: RiskRequestRecord): RiskRequest {
  return {
    id: r.id,
    findingId: r.findingId,
    kind: r.kind,
    justification: r.justification,
    expiresAt: iso(r.expiresAt),
    requestedBy: r.requestedBy,
    state: r.state,
    decidedBy: r.decidedBy,
    decisionComment: r.decisionComment,
    createdAt: iso(r.createdAt),
    decidedAt: optIso(r.decidedAt),
  };
}
