import type { KnexOrTransaction } from '@portico/portico-node';

export const FINDINGS = 'security_findings';
export const COMPONENTS = 'security_components';
export const COMPONENT_IMAGES = 'security_component_images';
export const SCANS = 'security_scans';
export const OCCURRENCES = 'security_occurrences';
export const FINDING_EVENTS = 'security_finding_events';
export const RISK_REQUESTS = 'security_risk_requests';
export const FALCO_EVENTS = 'security_falco_events';
export const RISK_APPROVALS = 'security_risk_approvals';

export type Db = KnexOrTransaction;
export type Row = Record<string, any>;

/** Parameters per statement stay well under SQLite's (32,766) and PostgreSQL's (65,535) limits. */
export const IN_CHUNK = 500;
export const INSERT_CHUNK = 100;

export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    result.push(items.slice(i, i + size));
  return result;
}
