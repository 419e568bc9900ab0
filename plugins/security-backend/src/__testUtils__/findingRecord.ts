import { randomUUID } from 'crypto';
import type { FindingRecord } from '../database/SecurityStore';

export const DAY = 86_400_000;

/** An open high trivy finding, unique by id and fingerprint, with a 30-day due date. */
export function finding(overrides: Partial<FindingRecord> = {}): FindingRecord {
  return {
    id: randomUUID(),
    fingerprint: randomUUID().replace(/-/g, ''),
    scanner: 'trivy',
    kind: 'vulnerability',
    ruleId: 'CVE-2024-0001',
    title: 'A flaw',
    severity: 'high',
    artifact: 'ghcr.io/acme/app:1.0',
    repository: 'ghcr.io/acme/app',
    state: 'open',
    revision: 0,
    occurrences: 1,
    firstSeenAt: 1000,
    lastSeenAt: 1000,
    dueAt: 1000 + 30 * DAY,
    updatedAt: 1000,
    ...overrides,
  };
}
