import type { NewRequestRecord } from '../database/ServicedeskStore';

/** Times and a ticket row for the store tests: a medium hardware request, 48 h SLA, filed at T0. */
export const T0 = Date.parse('2026-11-02T09:00:00Z');
export const HOUR = 3_600_000;

export function newRequestRecord(
  overrides: Partial<NewRequestRecord> = {},
): NewRequestRecord {
  return {
    requesterRef: 'user:default/alice',
    requesterEmail: 'alice@portico.example',
    serviceSlug: 'hardware_request',
    team: 'group:default/servicedesk-agents',
    priority: 'medium',
    status: 'new',
    title: 'A screen',
    formData: { item: 'monitor' },
    autoResolution: false,
    createdBy: 'user:default/alice',
    createdAt: T0,
    updatedAt: T0,
    slaHours: 48,
    slaDueAt: T0 + 48 * HOUR,
    ...overrides,
  };
}
