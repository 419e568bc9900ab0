import type { RequestStatus } from '@portico/plugin-servicedesk-common';
import type { RequestRecord, ServicedeskStores } from '../database/ServicedeskStore';
import { metAt, pausePatch, resumePatch } from './sla';

/**
 * The SLA fields that follow a move to `to`: waiting on the requester pauses the clock,
 * leaving a pause resumes it, resolving stops it and records whether the SLA was met.
 */
export function clockPatch(record: RequestRecord, to: RequestStatus, now: number): Partial<RequestRecord> {
  let state: Partial<RequestRecord> = {};
  if (record.pausedSince !== undefined && to !== 'waiting_on_requester') {
    state = { ...resumePatch(record, now) };
  }
  if (to === 'waiting_on_requester') state = { ...pausePatch(record, 'waiting_on_requester', now) };
  if (to === 'resolved') {
    const after = { ...record, ...state };
    state = { ...state, resolvedAt: now, slaMet: metAt(after, now) };
  }
  return state;
}

/** Opens or closes the pause rows (shown on the ticket) to match the pause fields. */
export async function syncPauseRows(
  tx: ServicedeskStores,
  before: RequestRecord,
  after: RequestRecord,
  now: number,
): Promise<void> {
  const wasPaused = before.pausedSince !== undefined;
  const isPaused = after.pausedSince !== undefined;
  if (wasPaused && !isPaused) await tx.requests.endPause(before.number, now);
  if (!wasPaused && isPaused) await tx.requests.startPause(before.number, after.pauseReason!, now);
}
