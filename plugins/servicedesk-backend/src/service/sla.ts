import type { PauseReason, SlaView } from '@portico/plugin-servicedesk-common';
import type { PauseRecord } from '../database/ServicedeskStore';

const HOUR_MS = 3_600_000;

/**
 * The SLA clock of a ticket. `slaDueAt` is the due time with the pauses that ended already
 * added; while a pause runs, the due time moves with "now" and the time left is frozen.
 */
export interface SlaState {
  slaHours: number;
  slaDueAt: number;
  pausedSince?: number;
  pauseReason?: PauseReason;
  slaBreachedAt?: number;
  slaMet?: boolean;
  resolvedAt?: number;
}

export function initialDueAt(createdAt: number, slaHours: number): number {
  return createdAt + Math.round(slaHours * HOUR_MS);
}

/** The due time at `now`, counting the pause that runs. */
export function effectiveDueAt(state: SlaState, now: number): number {
  return state.pausedSince !== undefined ? state.slaDueAt + (now - state.pausedSince) : state.slaDueAt;
}

/** Time left at `now` (negative when overdue); at resolution it stops. */
export function remainingMs(state: SlaState, now: number): number {
  const at = state.resolvedAt ?? now;
  return effectiveDueAt(state, at) - at;
}

/** The patch that starts a pause; nothing when the clock is already paused. */
export function pausePatch(state: SlaState, reason: PauseReason, at: number): Partial<SlaState> | undefined {
  if (state.pausedSince !== undefined) return undefined;
  return { pausedSince: at, pauseReason: reason };
}

/** The patch that ends the running pause: the due time moves by its length. */
export function resumePatch(state: SlaState, at: number): Partial<SlaState> | undefined {
  if (state.pausedSince === undefined) return undefined;
  return {
    slaDueAt: state.slaDueAt + Math.max(0, at - state.pausedSince),
    pausedSince: undefined,
    pauseReason: undefined,
  };
}

/** Past due with the clock running and not yet recorded as breached. */
export function isNewlyBreached(state: SlaState, now: number): boolean {
  return state.pausedSince === undefined && state.slaBreachedAt === undefined && now > state.slaDueAt;
}

/** Resolved within the SLA: never breached and resolved by the due time. */
export function metAt(state: SlaState, resolvedAt: number): boolean {
  return state.slaBreachedAt === undefined && resolvedAt <= effectiveDueAt(state, resolvedAt);
}

export function slaView(state: SlaState, pauses: PauseRecord[], now: number): SlaView {
  const at = state.resolvedAt ?? now;
  return {
    hours: state.slaHours,
    dueAt: new Date(effectiveDueAt(state, at)).toISOString(),
    remainingMs: remainingMs(state, now),
    paused: state.pausedSince !== undefined,
    ...(state.pauseReason ? { pauseReason: state.pauseReason } : {}),
    pauses: pauses.map(p => ({
      reason: p.reason,
      startedAt: new Date(p.startedAt).toISOString(),
      ...(p.endedAt !== undefined ? { endedAt: new Date(p.endedAt).toISOString() } : {}),
    })),
    ...(state.slaBreachedAt !== undefined ? { breachedAt: new Date(state.slaBreachedAt).toISOString() } : {}),
    ...(state.slaMet !== undefined ? { met: state.slaMet } : {}),
  };
}
