import type { Knex } from 'knex';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { createPorticoTestDatabases, FakeClock } from '@portico/portico-test-utils';
import { DAY, HOUR, lifecycleHarness, resourceEntity, T0 } from '../__testUtils__/harness';
import { LifecycleCaller } from './access';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();

const ALL = ['lifecycle.resource.read', 'lifecycle.resource.extend', 'lifecycle.resource.provision'];
const alice = new LifecycleCaller('user:default/alice', ['user:default/alice', 'group:default/payments-team'], new Set(ALL));
const dave = new LifecycleCaller('user:default/dave', ['user:default/dave', 'group:default/commerce-team'], new Set(ALL));

const SANDBOX = 'resource:default/sandbox-a';

describe.each(databases.eachSupportedId())('the lifecycle on %p', databaseId => {
  let knex: Knex;
  let clock: FakeClock;
  let h: Awaited<ReturnType<typeof lifecycleHarness>>;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    clock = new FakeClock(T0);
    h = await lifecycleHarness(
      knex,
      [
        resourceEntity('sandbox-a', {}),
        resourceEntity('prod-db', { environment: 'prod', ttl: 'none' }),
        resourceEntity('restricted-db', { 'data-class': 'restricted', ttl: '1d' }),
        resourceEntity('kept', { 'auto-teardown': 'false', ttl: '1d' }),
        resourceEntity('untagged', { ttl: undefined, 'cost-center': undefined }),
      ],
      clock,
    );
  });

  afterEach(async () => {
    await knex.destroy();
  });

  it('projects Resources, with a resource-created event each and a tag-violation for the untagged one', async () => {
    expect(await h.sync.runOnce()).toEqual({ seen: 5, changed: 5, removed: 0 });
    const events = await h.outbox();
    expect(events.filter(e => e.startsWith('resource-created/resource-created'))).toHaveLength(5);
    expect(events.filter(e => e.startsWith('tag-violation/'))).toEqual(['tag-violation/tag-violation resource:default/untagged']);
    const page = await h.service.violations(alice, { limit: 25, offset: 0 });
    expect(page.items.map(i => [i.entityRef, i.violations.map(v => v.tag)])).toEqual([
      ['resource:default/untagged', ['cost-center', 'ttl']],
    ]);
    // A second pass reads nothing again (etags unchanged) and publishes nothing.
    expect(await h.sync.runOnce()).toEqual({ seen: 5, changed: 0, removed: 0 });
    expect(await h.outbox()).toHaveLength(events.length);
  });

  it('sends the 48 h then the 24 h notice once each, across a restart, then tears down at expiry', async () => {
    await h.sync.runOnce();
    const before = (await h.outbox()).length;

    clock.current = T0 + 3 * DAY - 60 * HOUR;
    expect((await h.newRunner().runOnce()).notices).toBe(0);

    clock.current = T0 + 3 * DAY - 47 * HOUR;
    const first = h.newRunner();
    expect((await first.runOnce()).notices).toBe(1);
    expect((await first.runOnce()).notices).toBe(0);
    let detail = await h.service.detail(alice, SANDBOX);
    expect(detail.notices['48h']).toBe(new Date(clock.current).toISOString());
    expect(detail.notices['24h']).toBeUndefined();

    // A restarted backend (a new runner on the same database) does not send the 48 h notice again.
    clock.current = T0 + 3 * DAY - 23 * HOUR;
    const restarted = h.newRunner();
    expect((await restarted.runOnce()).notices).toBe(1);
    expect((await h.newRunner().runOnce()).notices).toBe(0);
    detail = await h.service.detail(alice, SANDBOX);
    expect(detail.notices['24h']).toBe(new Date(clock.current).toISOString());
    expect((await h.outbox()).slice(before)).toEqual([
      `resource-expiring/expiry-notice ${SANDBOX}`,
      `resource-expiring/expiry-notice ${SANDBOX}`,
    ]);

    // Both notices went to the owner group through the notification outbox.
    expect(await h.notices.sendDue()).toBe(2);
    expect(h.notifications.send.mock.calls.map((c: any[]) => [c[0].recipients.entityRef, c[0].payload.title])).toEqual([
      [['group:default/payments-team'], 'sandbox-a expires in 48 hours'],
      [['group:default/payments-team'], 'sandbox-a expires in 24 hours'],
    ]);

    clock.current = T0 + 3 * DAY + 1;
    const result = await h.newRunner().runOnce();
    expect(result.teardowns).toBe(1);
    expect(result.finished).toBe(1);
    expect(h.recorded.executor.start).toHaveBeenCalledTimes(1);
    expect(h.recorded.executor.start.mock.calls[0][0]).toBe('teardown');
    detail = await h.service.detail(alice, SANDBOX);
    expect(detail.state).toBe('torn-down');
    expect(detail.teardown).toMatchObject({ taskId: 'task-1', message: 'The template completed' });
    expect(detail.timeline.map(t => t.kind)).toEqual(['seen', 'notice-48h', 'notice-24h', 'teardown-started', 'torn-down']);
    expect((await h.outbox()).slice(-1)).toEqual([`resource-deleted/resource-deleted ${SANDBOX}`]);
    expect(h.recorded.audits).toEqual([
      { eventId: 'resource-teardown', meta: expect.objectContaining({ entityRef: SANDBOX }), outcome: 'success' },
    ]);
    // Torn down once.
    await h.newRunner().runOnce();
    expect(h.recorded.executor.start).toHaveBeenCalledTimes(1);
  });

  it('never notifies nor tears down prod, restricted, auto-teardown=false or untagged resources', async () => {
    await h.sync.runOnce();
    for (const at of [T0 + 20 * HOUR, T0 + 2 * DAY, T0 + 60 * DAY]) {
      clock.current = at;
      await h.newRunner().runOnce();
    }
    const startedFor = h.recorded.executor.start.mock.calls.map(c => c[1].entityRef);
    expect(startedFor).toEqual([SANDBOX]);
    for (const [ref, reason] of [
      ['resource:default/prod-db', 'prod'],
      ['resource:default/restricted-db', 'restricted'],
      ['resource:default/kept', 'auto-teardown-off'],
      ['resource:default/untagged', 'invalid-tags'],
    ]) {
      const detail = await h.service.detail(alice, ref);
      expect([ref, detail.state, detail.excludedBecause, detail.notices]).toEqual([ref, 'active', reason, {}]);
    }
  });

  it('lets owners extend within 30 days with a reason, resetting the notices ahead', async () => {
    await h.sync.runOnce();
    clock.current = T0 + 3 * DAY - 23 * HOUR;
    await h.newRunner().runOnce();

    await expect(h.service.extend(dave, { entityRef: SANDBOX, days: 1, reason: 'still testing' })).rejects.toThrow(NotAllowedError);
    await expect(h.service.extend(alice, { entityRef: SANDBOX, days: 28, reason: 'still testing' })).rejects.toThrow(InputError);
    await expect(h.service.extend(alice, { entityRef: 'resource:default/prod-db', days: 1, reason: 'x y z' })).rejects.toThrow(ConflictError);

    const extended = await h.service.extend(alice, { entityRef: SANDBOX, days: 7, reason: 'demo on Friday' });
    expect(extended.expiresAt).toBe(new Date(T0 + 10 * DAY).toISOString());
    expect(extended.extensions).toBe(1);
    expect(extended.notices).toEqual({});
    expect(extended.timeline.at(-1)).toMatchObject({ kind: 'extended', actor: 'user:default/alice', message: expect.stringContaining('demo on Friday') });
    expect((await h.outbox()).slice(-1)).toEqual([`resource-expiring/expiry-extended ${SANDBOX}`]);
    expect(h.recorded.audits.map(a => a.eventId)).toEqual(['resource-extend']);

    // Past the old expiry nothing happens; the new one brings the notices again.
    clock.current = T0 + 3 * DAY + HOUR;
    expect(await h.newRunner().runOnce()).toEqual({ notices: 0, teardowns: 0, finished: 0 });
    clock.current = T0 + 10 * DAY - 47 * HOUR;
    expect((await h.newRunner().runOnce()).notices).toBe(1);
  });

  it('lists what expires soon with filters, and sums up cost centres', async () => {
    await h.sync.runOnce();
    const page = await h.service.expiring(alice, { withinHours: 48, limit: 25, offset: 0 });
    expect(page.items.map(i => i.entityRef)).toEqual(['resource:default/kept', 'resource:default/restricted-db']);
    expect(page.totalCount).toBe(2);
    expect((await h.service.expiring(alice, { withinHours: 100, costCenter: 'cc-1042', environment: 'sandbox', limit: 1, offset: 1 })).items).toHaveLength(1);
    expect((await h.service.expiring(alice, { withinHours: 100, owner: 'group:default/commerce-team', limit: 25, offset: 0 })).totalCount).toBe(0);

    const summary = await h.service.costCenters(alice);
    expect(summary).toEqual([
      { costCenter: '(none)', resources: 1, expiringSoon: 0, violations: 1, environments: { sandbox: 1 } },
      { costCenter: 'CC-1042', resources: 4, expiringSoon: 3, violations: 0, environments: { prod: 1, sandbox: 3 } },
    ]);
  });

  it('marks resources gone from the catalog as removed, and records fixed tags', async () => {
    await h.sync.runOnce();
    const fixed = resourceEntity('untagged', {}, 'e2');
    clock.advance(HOUR);
    expect(await h.syncWith([resourceEntity('sandbox-a', {}), fixed]).runOnce()).toEqual({ seen: 2, changed: 1, removed: 3 });
    expect((await h.service.detail(alice, 'resource:default/prod-db')).state).toBe('removed');
    const untagged = await h.service.detail(alice, 'resource:default/untagged');
    expect(untagged.violations).toEqual([]);
    expect(untagged.timeline.map(t => t.kind)).toEqual(['seen', 'tag-violation', 'tag-violation-resolved']);
    const events = await h.outbox();
    expect(events).toContain('tag-violation/tag-violation-resolved resource:default/untagged');
    expect(events.filter(e => e.startsWith('resource-deleted/resource-removed'))).toHaveLength(3);
  });
});
