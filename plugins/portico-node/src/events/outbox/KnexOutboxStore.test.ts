import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import type { Knex } from 'knex';
import { porticoOutboxDeadLetterMigration, porticoOutboxMigration, OUTBOX_TABLE } from './outboxMigration';
import { KnexOutboxStore } from './KnexOutboxStore';
import { toPorticoEvent } from './publishEvent';
import { sampleEvent } from '../__testUtils__/fakes';

const databases = createPorticoTestDatabases();
jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())('KnexOutboxStore on %s', databaseId => {
  let knex: Knex;
  let store: KnexOutboxStore;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await porticoOutboxMigration.up(knex);
    await porticoOutboxDeadLetterMigration.up(knex);
    store = new KnexOutboxStore(knex);
  });

  const append = async (...events: ReturnType<typeof sampleEvent>[]) => {
    const full = events.map(e => toPorticoEvent(e));
    await knex.transaction(trx => store.append(trx, full));
    return full;
  };

  it('writes nothing when the caller rolls back', async () => {
    await expect(
      knex.transaction(async trx => {
        await store.append(trx, [toPorticoEvent(sampleEvent('promotion:1', 1))]);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    const [{ n }] = await knex(OUTBOX_TABLE).count({ n: '*' });
    expect(Number(n)).toBe(0);
  });

  it('claims in write order and keeps the whole envelope', async () => {
    const events = await append(sampleEvent('a', 1), sampleEvent('b', 2), sampleEvent('a', 3));
    const claimed = await store.claim({ runId: 'r1', limit: 10, now: Date.now(), leaseMs: 60_000 });
    expect(claimed.map(r => r.event)).toEqual(events);
    expect(claimed[0].seq).toBeLessThan(claimed[1].seq);
  });

  it('holds back every later row of a subject whose earlier row is in back-off', async () => {
    const [a1, b1, a2] = await append(sampleEvent('a', 1), sampleEvent('b', 1), sampleEvent('a', 2));
    const now = Date.now();
    await store.claim({ runId: 'r1', limit: 10, now, leaseMs: 60_000 });
    await store.markFailed({ runId: 'r1', ids: [a1.id], error: 'down', now, nextAttemptAt: now + 10_000, eventFailure: false, park: false });
    await store.release('r1');

    const claimed = await store.claim({ runId: 'r2', limit: 10, now, leaseMs: 60_000 });
    expect(claimed.map(r => r.event.id)).toEqual([b1.id]);
    expect(claimed.map(r => r.event.id)).not.toContain(a2.id);

    const later = await store.claim({ runId: 'r3', limit: 10, now: now + 11_000, leaseMs: 60_000 });
    expect(later.map(r => r.event.id)).toEqual([a1.id, a2.id]);
  });

  it('never gives one row to two relays at once', async () => {
    await append(...Array.from({ length: 50 }, (_, i) => sampleEvent(`s${i % 7}`, i)));
    const now = Date.now();
    const [first, second] = await Promise.all([
      store.claim({ runId: 'r1', limit: 50, now, leaseMs: 60_000 }),
      store.claim({ runId: 'r2', limit: 50, now, leaseMs: 60_000 }),
    ]);
    const ids1 = new Set(first.map(r => r.event.id));
    expect(second.filter(r => ids1.has(r.event.id))).toEqual([]);
    expect(first.length + second.length).toBe(50);
  });

  it('is delivered only when every required target took it', async () => {
    const [e] = await append(sampleEvent('a', 1));
    const now = Date.now();
    await store.claim({ runId: 'r1', limit: 10, now, leaseMs: 60_000 });
    await store.markDelivered({ runId: 'r1', target: 'events', ids: [e.id], now, requiredTargets: ['events', 'kafka'] });
    let row = await store.get(e.id);
    expect(row?.delivered.events).toBe(now);
    expect(row?.deliveredAt).toBeUndefined();

    await store.markDelivered({ runId: 'r1', target: 'kafka', ids: [e.id], now, requiredTargets: ['events', 'kafka'] });
    row = await store.get(e.id);
    expect(row?.deliveredAt).toBe(now);
    expect(await store.stats()).toEqual({ pending: 0, failing: 0, deadLetter: 0, oldestPendingCreatedAt: undefined });
  });

  it('counts attempts and keeps the last error', async () => {
    const [e] = await append(sampleEvent('a', 1));
    const now = Date.now();
    await store.claim({ runId: 'r1', limit: 10, now, leaseMs: 60_000 });
    await store.markFailed({ runId: 'r1', ids: [e.id], error: 'kafka: broker down', now, nextAttemptAt: now + 1000, eventFailure: false, park: false });
    const row = await store.get(e.id);
    expect(row).toEqual(
      expect.objectContaining({ attempts: 1, lastError: 'kafka: broker down', nextAttemptAt: now + 1000 }),
    );
    expect((await store.stats()).failing).toBe(1);
    expect(await store.retryNow(e.id)).toBe('scheduled');
    expect((await store.get(e.id))?.nextAttemptAt).toBe(0);
    expect(await store.retryNow('00000000-0000-4000-8000-000000000000')).toBe('not-found');
  });

  it('lists newest first with filters and a cursor', async () => {
    const events = await append(
      ...Array.from({ length: 5 }, (_, i) => ({
        ...sampleEvent(i % 2 ? 'odd' : 'even', i),
        occurredAt: new Date(Date.UTC(2026, 10, 21, 10, i)).toISOString(),
      })),
    );
    const page1 = await store.list({ limit: 2 });
    expect(page1.map(r => r.event.id)).toEqual([events[4].id, events[3].id]);
    const page2 = await store.list({
      limit: 2,
      before: { occurredAt: Date.parse(page1[1].event.occurredAt), seq: page1[1].seq },
    });
    expect(page2.map(r => r.event.id)).toEqual([events[2].id, events[1].id]);
    const odd = await store.list({ limit: 10, subject: 'odd' });
    expect(odd.map(r => r.event.data.n)).toEqual([3, 1]);
    const window = await store.list({
      limit: 10,
      from: Date.UTC(2026, 10, 21, 10, 1),
      to: Date.UTC(2026, 10, 21, 10, 2),
    });
    expect(window.map(r => r.event.data.n)).toEqual([2, 1]);
    expect(await store.list({ limit: 10, state: 'delivered' })).toEqual([]);
    expect((await store.list({ limit: 10, state: 'pending' })).length).toBe(5);
  });

  it('prunes delivered rows past retention, never pending ones', async () => {
    const [old, pending] = await append(sampleEvent('a', 1), sampleEvent('b', 2));
    const now = Date.now();
    await store.claim({ runId: 'r1', limit: 10, now, leaseMs: 60_000 });
    await store.markDelivered({ runId: 'r1', target: 'events', ids: [old.id], now: now - 10_000, requiredTargets: ['events'] });
    await store.release('r1');
    expect(await store.prune(now - 5_000)).toBe(1);
    expect(await store.get(old.id)).toBeUndefined();
    expect(await store.get(pending.id)).toBeDefined();
  });

  it('migrates down cleanly', async () => {
    await porticoOutboxMigration.down(knex);
    expect(await knex.schema.hasTable(OUTBOX_TABLE)).toBe(false);
  });
});
