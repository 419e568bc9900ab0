import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createPorticoTestDatabases, expectUniqueViolation } from '@portico/portico-test-utils';
import { CatalogSync } from '../service/CatalogSync';
import { KnexMonitoringDatabase } from './KnexMonitoringDatabase';
import { KnexDeploymentStore } from './KnexWindowAndDeploymentStores';
import { recordDeployment } from '../service/DeploymentMarkers';
import type { AlertRecord } from './MonitoringStore';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const T0 = Date.parse('2026-12-01T00:00:00Z');

function component(name: string, annotations: Record<string, string> = {}, owner = 'team-a'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner },
  };
}

describe.each(databases.eachSupportedId())('KnexMonitoringDatabase on %p', databaseId => {
  let db: KnexMonitoringDatabase;

  beforeEach(async () => {
    const knex = await databases.init(databaseId);
    db = await KnexMonitoringDatabase.create({ knex });
  });

  it('migrates down to nothing and up again', async () => {
    const directory = resolvePackagePath('@portico/plugin-monitoring-backend', 'migrations');
    await db.knex.migrate.rollback({ directory }, true);
    expect(await db.knex.schema.hasTable('monitoring_silence_windows')).toBe(false);
    expect(await db.knex.schema.hasTable('monitoring_alerts')).toBe(false);
    await db.knex.migrate.latest({ directory });
    expect(await db.knex.schema.hasColumn('monitoring_acks', 'ticket_id')).toBe(true);
    expect(await db.knex.schema.hasColumn('monitoring_silence_windows', 'promotion_attempt')).toBe(true);
    // One window per promotion request and attempt; the step down keeps the attempt-1 windows.
    const window = (id: string, promotionAttempt: number) => ({
      id,
      componentRef: 'component:default/a',
      startsAt: T0,
      endsAt: T0 + 60_000,
      comment: 'c',
      createdBy: 'user:default/grace',
      createdAt: T0,
      silenceIds: [],
      promotionRequestId: 'r1',
      promotionAttempt,
    });
    await db.windows.insert(window('00000000-0000-4000-8000-000000000001', 1));
    await db.windows.insert(window('00000000-0000-4000-8000-000000000002', 2));
    await expectUniqueViolation(db.windows.insert(window('00000000-0000-4000-8000-000000000003', 2)));
    // Down by name, whatever migrations come after these two.
    const downTo = async (name: string) => {
      const [completed] = await db.knex.migrate.list({ directory });
      const names = (completed as Array<{ name: string } | string>).map(m => (typeof m === 'string' ? m : m.name));
      for (const later of names.filter(n => n >= name).reverse()) {
        await db.knex.migrate.down({ directory, name: later });
      }
    };
    await downTo('20261206054500_monitoring_promotion_silence_attempts.js');
    expect(await db.knex.schema.hasColumn('monitoring_silence_windows', 'promotion_attempt')).toBe(false);
    const rows = await db.knex('monitoring_silence_windows').orderBy('id').select('id', 'promotion_request_id');
    expect(rows.map(r => r.promotion_request_id ?? null)).toEqual(['r1', null]);
    await downTo('20261206040000_monitoring_promotion_silences.js');
    expect(await db.knex.schema.hasColumn('monitoring_silence_windows', 'promotion_request_id')).toBe(false);
    await db.knex.migrate.latest({ directory });
    expect(await db.windows.byPromotion('r1', 1)).toBeUndefined();
  });

  it('keeps the component projection by hash: writes only changed components, drops removed ones', async () => {
    let entities = [
      component('a', { 'portico.io/health-url': 'https://a.example/health' }),
      ...Array.from({ length: 450 }, (_, i) => component(`svc-${i}`)),
    ];
    const catalog = { queryEntities: (...args: any[]) => catalogServiceMock({ entities }).queryEntities(...(args as [any, any])) };
    const sync = new CatalogSync({ db, catalog: catalog as any, auth: mockServices.auth(), logger: mockServices.logger.mock() });

    expect(await sync.run()).toEqual({ seen: 451, written: 451, deleted: 0 });
    expect(await sync.run()).toEqual({ seen: 451, written: 0, deleted: 0 });
    entities = [component('a', { 'portico.io/alert-selector': 'app="a"' }, 'team-b'), ...entities.slice(2)];
    expect(await sync.run()).toEqual({ seen: 450, written: 1, deleted: 1 });
    expect(await db.components.get('component:default/a')).toMatchObject({
      ownerRef: 'group:default/team-b',
      alertSelector: 'app="a"',
      healthUrl: undefined,
    });
    expect((await db.components.withSelector()).map(c => c.name)).toEqual(['a']);
    expect(await db.components.ownedBy(['group:default/team-b'])).toEqual(['component:default/a']);
  });

  it('computes uptime over a window and keeps the latest checks first', async () => {
    const ref = 'component:default/a';
    for (let i = 0; i < 10; i++) {
      await db.health.insert({ entityRef: ref, checkedAt: T0 + i * 60_000, up: i % 4 !== 0, latencyMs: 10 + i });
    }
    expect(await db.health.uptime(ref, T0)).toBeCloseTo(0.7);
    expect(await db.health.uptime(ref, T0 + 5 * 60_000)).toBeCloseTo(0.8);
    expect(await db.health.uptime('component:default/none', T0)).toBeUndefined();
    expect((await db.health.recent(ref, 2)).map(c => c.latencyMs)).toEqual([19, 18]);
    expect(await db.health.prune(T0 + 5 * 60_000)).toBe(5);
  });

  it('refuses a second row for the same occurrence (fingerprint + startsAt)', async () => {
    const alert = {
      id: '00000000-0000-4000-8000-000000000001',
      fingerprint: 'f1',
      startsAt: T0,
      state: 'firing' as const,
      alertname: 'X',
      severity: 'info' as const,
      labels: { alertname: 'X' },
      annotations: {},
      source: 'alertmanager' as const,
      groupKey: 'g',
      createdAt: T0,
      updatedAt: T0,
    };
    await db.alerts.insert(alert);
    await expect(db.alerts.insert({ ...alert, id: '00000000-0000-4000-8000-000000000002' })).rejects.toBeDefined();
    expect(await db.alerts.transition(alert.id, ['acknowledged'], 'resolved', { updatedAt: T0 })).toBe(false);
    expect(await db.alerts.transition(alert.id, ['firing'], 'resolved', { resolvedAt: T0 + 1, updatedAt: T0 })).toBe(true);
    expect(await db.alerts.findOccurrence('f1', T0)).toMatchObject({ state: 'resolved', resolvedAt: T0 + 1 });
  });

  function alertOf(i: number, patch: Partial<AlertRecord> = {}): AlertRecord {
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      fingerprint: `fp${i % 250}`,
      startsAt: T0 + Math.floor(i / 250) * 1000,
      state: 'firing',
      alertname: 'X',
      severity: 'warning',
      labels: { alertname: 'X', i: String(i) },
      annotations: {},
      source: 'alertmanager',
      groupKey: 'g',
      createdAt: T0,
      updatedAt: T0,
      ...patch,
    };
  }

  it('inserts, finds and resolves occurrences in bulk, past the chunk size, each with its own resolve time', async () => {
    const alerts = Array.from({ length: 520 }, (_, i) => alertOf(i));
    await db.alerts.insertMany(alerts);
    // Same fingerprints at other starts, and starts with other fingerprints, are not asked for.
    const asked = [...alerts.slice(0, 300), { fingerprint: 'fp1', startsAt: T0 + 5000 }];
    const found = await db.transaction(tx => tx.alerts.findOccurrences(asked));
    expect(found.size).toBe(300);
    expect(found.get(`fp3@${T0 + 1000}`)?.id).toBe(alerts[253].id);

    const resolves = alerts.slice(0, 260).map((a, i) => ({ id: a.id, resolvedAt: T0 + 60_000 + i }));
    await db.alerts.update(alerts[1].id, { state: 'resolved', resolvedAt: T0, updatedAt: T0 });
    expect(await db.alerts.resolveMany(resolves, T0 + 1)).toBe(259);
    expect(await db.alerts.get(alerts[259].id)).toMatchObject({ state: 'resolved', resolvedAt: T0 + 60_259, updatedAt: T0 + 1 });
    expect(await db.alerts.get(alerts[1].id)).toMatchObject({ resolvedAt: T0 });
    expect(await db.alerts.get(alerts[260].id)).toMatchObject({ state: 'firing' });
    expect(await db.alerts.resolveMany([], T0)).toBe(0);
  });

  it('ends the open acks of many alerts and keeps assignee and ticket', async () => {
    const alerts = [alertOf(1), alertOf(2), alertOf(3)];
    await db.alerts.insertMany(alerts);
    const ticketId = '7b0c7f3e-2f7a-4a53-9d3b-3f0f6a2c9e11';
    await db.acks.insert({ alertId: alerts[0].id, ackedBy: 'user:default/grace', ackedAt: T0, comment: 'c', expiresAt: T0 + 1, silenceOpen: true, silenceId: 's1', assignee: 'user:default/alice', ticketId });
    await db.acks.insert({ alertId: alerts[1].id, ackedBy: 'user:default/grace', ackedAt: T0, comment: 'c', expiresAt: T0 + 1, silenceOpen: false });
    expect(await db.acks.open(alerts[0].id)).toMatchObject({ assignee: 'user:default/alice', ticketId });
    const ended = await db.acks.endForAlerts(alerts.map(a => a.id), T0 + 5, 'resolved');
    expect(ended.map(a => [a.alertId, a.silenceOpen, a.endedReason]).sort()).toEqual([
      [alerts[0].id, true, 'resolved'],
      [alerts[1].id, false, 'resolved'],
    ]);
    expect(await db.acks.openMany(alerts.map(a => a.id))).toEqual([]);
    expect((await db.acks.silencesToDelete(10)).map(a => a.silenceId)).toEqual(['s1']);
  });

  it('reads and records last-notified times of many fingerprints, and finds components by many names', async () => {
    await db.notified.record('a', T0);
    await db.notified.recordMany(['b', 'c', 'b'], T0 + 5);
    await db.notified.recordMany(['a'], T0 + 9);
    expect(Object.fromEntries(await db.notified.lastNotifiedMany(['a', 'b', 'z']))).toEqual({ a: T0 + 9, b: T0 + 5 });
    await db.components.upsert({ entityRef: 'component:default/checkout', name: 'Checkout', hash: 'h', alertChannel: '#checkout-alerts' }, 1);
    await db.components.upsert({ entityRef: 'component:other/checkout', name: 'checkout', hash: 'h' }, 1);
    expect((await db.components.byNames(['CHECKOUT', 'none'])).map(c => c.entityRef)).toEqual([
      'component:default/checkout',
      'component:other/checkout',
    ]);
    expect(await db.components.getMany(['Component:default/checkout'])).toEqual([
      expect.objectContaining({ alertChannel: '#checkout-alerts' }),
    ]);
  });

  it('keeps silence windows: current ones soonest first, cancel once', async () => {
    const base = { comment: 'upgrade', createdBy: 'user:default/grace', createdAt: T0, silenceIds: ['s1', 's2'] };
    await db.windows.insert({ ...base, id: '00000000-0000-4000-8000-0000000000a1', componentRef: 'component:default/a', startsAt: T0 + 7200_000, endsAt: T0 + 9000_000 });
    await db.windows.insert({ ...base, id: '00000000-0000-4000-8000-0000000000a2', componentRef: 'component:default/b', startsAt: T0 + 3600_000, endsAt: T0 + 5400_000 });
    await db.windows.insert({ ...base, id: '00000000-0000-4000-8000-0000000000a3', componentRef: 'component:default/a', startsAt: T0 - 7200_000, endsAt: T0 - 3600_000 });
    const current = await db.windows.current(T0, { limit: 10, offset: 0 });
    expect(current.totalCount).toBe(2);
    expect(current.items.map(w => w.componentRef)).toEqual(['component:default/b', 'component:default/a']);
    expect(current.items[0].silenceIds).toEqual(['s1', 's2']);
    expect((await db.windows.current(T0, { limit: 10, offset: 0 }, 'component:default/a')).totalCount).toBe(1);
    expect(await db.windows.cancel('00000000-0000-4000-8000-0000000000a1', T0, 'user:default/grace')).toBe(true);
    expect(await db.windows.cancel('00000000-0000-4000-8000-0000000000a1', T0, 'user:default/judy')).toBe(false);
    expect(await db.windows.get('00000000-0000-4000-8000-0000000000a1')).toMatchObject({ cancelledBy: 'user:default/grace' });
    expect((await db.windows.current(T0, { limit: 10, offset: 0 })).totalCount).toBe(1);
  });

  it('records deployment outcomes of promotion events once, and lists them within a range', async () => {
    const event = (id: string, type: string, at: string, data: Record<string, unknown>) =>
      ({ id, topic: 'promotion-requests', type, subject: 'r1', actor: 'plugin:promotions', occurredAt: at, traceId: 't', data }) as any;
    const data = { requestId: 'r1', componentRef: 'component:default/Checkout', version: '1.4.2', toEnvironment: 'PROD' };
    const store = (trx: any) => new KnexDeploymentStore(trx);
    const ok = event('00000000-0000-4000-8000-0000000000e1', 'deployment-succeeded', '2026-12-01T10:00:00Z', data);
    expect(await db.knex.transaction(trx => recordDeployment(ok, trx, store))).toBe(true);
    expect(await db.knex.transaction(trx => recordDeployment(ok, trx, store))).toBe(true);
    const failed = event('00000000-0000-4000-8000-0000000000e2', 'deployment-failed', '2026-12-01T11:00:00Z', { ...data, version: '1.4.3' });
    await db.knex.transaction(trx => recordDeployment(failed, trx, store));
    const other = event('00000000-0000-4000-8000-0000000000e3', 'request-approved', '2026-12-01T10:30:00Z', data);
    expect(await db.knex.transaction(trx => recordDeployment(other, trx, store))).toBe(false);
    const all = await db.deployments.between('component:default/checkout', T0, T0 + 86_400_000, 10);
    expect(all.map(d => [d.version, d.environment, d.outcome])).toEqual([
      ['1.4.2', 'PROD', 'succeeded'],
      ['1.4.3', 'PROD', 'failed'],
    ]);
    expect(await db.deployments.between('component:default/checkout', T0, Date.parse('2026-12-01T10:30:00Z'), 10)).toHaveLength(1);
  });
});
