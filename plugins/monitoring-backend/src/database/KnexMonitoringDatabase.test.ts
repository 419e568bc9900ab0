import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { CatalogSync } from '../service/CatalogSync';
import { KnexMonitoringDatabase } from './KnexMonitoringDatabase';

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
});
