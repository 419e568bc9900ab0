import { FakeClock, HOUR } from '../__testUtils__/servicedeskTestBackend';
import {
  effectiveDueAt,
  initialDueAt,
  isNewlyBreached,
  metAt,
  pausePatch,
  remainingMs,
  resumePatch,
  SlaState,
} from './sla';

/** Applies patches as the service does (undefined clears a field). */
const apply = (state: SlaState, patch: Partial<SlaState> | undefined): SlaState => ({ ...state, ...patch });

describe('SLA clock', () => {
  const clock = new FakeClock();
  const start = clock.now();
  const fresh = (): SlaState => ({ slaHours: 8, slaDueAt: initialDueAt(start, 8) });

  it('is due the service hours after creation', () => {
    expect(initialDueAt(start, 8) - start).toBe(8 * HOUR);
    expect(initialDueAt(start, 0.5) - start).toBe(HOUR / 2);
    expect(remainingMs(fresh(), start + 3 * HOUR)).toBe(5 * HOUR);
  });

  it('freezes the time left during a pause and moves the due time by its length', () => {
    let state = fresh();
    state = apply(state, pausePatch(state, 'waiting_on_requester', start + 2 * HOUR));
    // Five hours of waiting: the time left stays at six hours, the due time moves.
    expect(remainingMs(state, start + 7 * HOUR)).toBe(6 * HOUR);
    expect(effectiveDueAt(state, start + 7 * HOUR)).toBe(start + 13 * HOUR);
    expect(isNewlyBreached(state, start + 20 * HOUR)).toBe(false);

    state = apply(state, resumePatch(state, start + 7 * HOUR));
    expect(state.pausedSince).toBeUndefined();
    expect(state.slaDueAt).toBe(start + 13 * HOUR);
    expect(remainingMs(state, start + 10 * HOUR)).toBe(3 * HOUR);
  });

  it('adds up several pauses, of both reasons', () => {
    let state = fresh();
    state = apply(state, pausePatch(state, 'automation', start));
    state = apply(state, resumePatch(state, start + HOUR));
    state = apply(state, pausePatch(state, 'waiting_on_requester', start + 3 * HOUR));
    state = apply(state, resumePatch(state, start + 5 * HOUR));
    expect(state.slaDueAt).toBe(start + 11 * HOUR);
  });

  it('ignores a second pause while paused and a resume while running', () => {
    const paused = apply(fresh(), pausePatch(fresh(), 'automation', start));
    expect(pausePatch(paused, 'waiting_on_requester', start + HOUR)).toBeUndefined();
    expect(resumePatch(fresh(), start + HOUR)).toBeUndefined();
  });

  it('breaches only with the clock running, past due, once', () => {
    const state = fresh();
    expect(isNewlyBreached(state, start + 8 * HOUR)).toBe(false);
    expect(isNewlyBreached(state, start + 8 * HOUR + 1)).toBe(true);
    expect(isNewlyBreached({ ...state, slaBreachedAt: start + 9 * HOUR }, start + 10 * HOUR)).toBe(false);
  });

  it('is met when resolved by the due time and never breached', () => {
    const state = fresh();
    expect(metAt(state, start + 8 * HOUR)).toBe(true);
    expect(metAt(state, start + 8 * HOUR + 1)).toBe(false);
    expect(metAt({ ...state, slaBreachedAt: start + 9 * HOUR }, start + 7 * HOUR)).toBe(false);
    // Resolved during a pause: the running pause counts.
    const paused = apply(state, pausePatch(state, 'waiting_on_requester', start + 7 * HOUR));
    expect(metAt(paused, start + 12 * HOUR)).toBe(true);
  });

  it('stops counting at resolution', () => {
    const resolved = { ...fresh(), resolvedAt: start + 2 * HOUR };
    expect(remainingMs(resolved, start + 100 * HOUR)).toBe(6 * HOUR);
  });
});
