import type { Knex } from 'knex';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { PorticoEventInput } from '@portico/plugin-portico-common';
import { KnexOutboxStore, OutboxPublisher } from '@portico/portico-node';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { CATALOG, GROUPS_BY_USER } from '../__testUtils__/apimTestBackend';
import { KnexApimDatabase } from '../database/KnexApimDatabase';
import { Caller } from './access/AccessService';
import { ApiChangeDetector } from './apis/ApiChangeDetector';
import { ApiService } from './apis/ApiService';
import { DefinitionCache } from './apis/DefinitionCache';
import { ApplicationService } from './applications/ApplicationService';
import type { EventPublisher } from './events';
import { ConsoleKeyService } from './keys/ConsoleKeyService';
import { KeyService } from './keys/KeyService';
import { SubscriptionService } from './subscriptions/SubscriptionService';
import { TryItAccessService } from './subscriptions/TryItAccessService';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

function caller(name: string): Caller {
  const ref = `user:default/${name}`;
  const groups = (GROUPS_BY_USER[ref] ?? []).map(g => `group:default/${g}`);
  return new Caller(
    mockCredentials.user(ref),
    ref,
    groups,
    groups.includes('group:default/portal-admins'),
  );
}

/** Publishes like the real outbox, but can be told to fail on one event type. */
class FailingPublisher implements EventPublisher {
  failOn?: string;
  constructor(private readonly inner: OutboxPublisher) {}
  async publish(trx: Knex.Transaction, ...events: PorticoEventInput[]) {
    if (events.some(e => e.type === this.failOn))
      throw new Error(`outbox refused ${this.failOn}`);
    return this.inner.publish(trx, ...events);
  }
}

function services(
  knex: Knex,
  db: KnexApimDatabase,
  catalog = catalogServiceMock({ entities: CATALOG }),
) {
  const events = new FailingPublisher(
    new OutboxPublisher(new KnexOutboxStore(knex)),
  );
  const definitions = new DefinitionCache();
  const apis = new ApiService({ catalog, db, definitions });
  const audits: Array<{
    eventId: string;
    meta?: unknown;
    outcome?: string;
    error?: string;
  }> = [];
  const auditor = {
    createEvent: async (options: { eventId: string; meta?: unknown }) => {
      const record: (typeof audits)[number] = {
        eventId: options.eventId,
        meta: options.meta,
      };
      audits.push(record);
      return {
        success: async () => {
          record.outcome = 'success';
        },
        fail: async ({ error }: { error: Error }) => {
          record.outcome = 'fail';
          record.error = error.message;
        },
      };
    },
  };
  const subscriptions = new SubscriptionService({ db, events, apis, auditor });
  const consoleKeys = new ConsoleKeyService({ db });
  const applications = new ApplicationService({
    db,
    events,
    catalog,
    subscriptions,
    caches: [consoleKeys],
  });
  const keys = new KeyService({
    db,
    events,
    applications,
    notifications: { send: jest.fn() },
    logger: mockServices.logger.mock(),
    settings: { rotationGraceHours: 24, expiryNoticeDays: 7 },
  });
  const access = {
    authorize: async (credentials: any) =>
      caller(credentials.principal.userEntityRef.split('/')[1]),
  };
  const tryIt = new TryItAccessService({
    access: access as any,
    applications,
    subscriptions,
  });
  return {
    events,
    apis,
    subscriptions,
    consoleKeys,
    applications,
    keys,
    tryIt,
    definitions,
    audits,
  };
}

describe.each(databases.eachSupportedId())(
  'APIM services on %p',
  databaseId => {
    let knex: Knex;
    let db: KnexApimDatabase;
    let s: ReturnType<typeof services>;
    let n = 0;
    const name = () => `svc-app-${++n}`;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      db = await KnexApimDatabase.create({ knex });
      s = services(knex, db);
    });
    afterEach(() => {
      s.events.failOn = undefined;
    });

    async function appWithEverything() {
      const app = await s.applications.create(caller('alice'), {
        name: name(),
        owner: 'devops-acme',
        environments: ['sandbox', 'production'],
      });
      const auto = await s.subscriptions.create(caller('alice'), {
        applicationId: app.id,
        apiRef: 'payments-api',
        plan: 'free',
        environment: 'sandbox',
      });
      const manual = await s.subscriptions.create(caller('alice'), {
        applicationId: app.id,
        apiRef: 'payments-api',
        plan: 'gold',
        environment: 'production',
      });
      const key = await s.keys.create(caller('alice'), app.id, {
        environment: 'sandbox',
      });
      return { app, auto, manual, key };
    }

    describe('deleting an application', () => {
      it.each(['subscription-deleted', 'application-deleted'])(
        'changes nothing when it fails in the middle (outbox refuses %s)',
        async failOn => {
          const { app, auto, manual, key } = await appWithEverything();
          const outboxBefore = await knex('portico_outbox').count({ n: '*' });
          s.events.failOn = failOn;
          await expect(
            s.applications.delete(caller('alice'), app.id),
          ).rejects.toThrow(/outbox refused/);
          expect(await db.applications.get(app.id)).toBeDefined();
          expect((await db.keys.get(key.key.id))?.revokedAt).toBeUndefined();
          expect((await db.subscriptions.get(auto.id))?.state).toBe('active');
          expect((await db.subscriptions.get(manual.id))?.state).toBe(
            'pending',
          );
          expect(
            (await db.subscriptions.history([manual.id])).get(manual.id),
          ).toHaveLength(1);
          expect(await knex('portico_outbox').count({ n: '*' })).toEqual(
            outboxBefore,
          );
          expect(
            (await s.keys.verify({ key: key.secret, environment: 'sandbox' }))
              .valid,
          ).toBe(true);
        },
      );

      it('revokes keys and ends subscriptions when it succeeds', async () => {
        const { app, auto, manual, key } = await appWithEverything();
        await s.applications.delete(caller('carol'), app.id);
        expect((await db.subscriptions.get(auto.id))?.state).toBe('revoked');
        expect((await db.subscriptions.get(manual.id))?.state).toBe('revoked');
        expect((await db.keys.get(key.key.id))?.revokedBy).toBe(
          'user:default/carol',
        );
      });
    });

    describe('Try-It console keys', () => {
      it('mints a 15-minute key on the server, reuses it, verifies it, never lists it', async () => {
        const { app } = await appWithEverything();
        const [first, concurrent] = await Promise.all([
          s.consoleKeys.keyFor(app.id, 'api:default/payments-api', 'sandbox'),
          s.consoleKeys.keyFor(app.id, 'api:default/payments-api', 'sandbox'),
        ]);
        expect(first).toBe(concurrent);
        expect(
          await s.consoleKeys.keyFor(
            app.id,
            'api:default/payments-api',
            'sandbox',
          ),
        ).toBe(first);
        expect(first).toMatch(/^pt_sbx_/);
        const rows = await knex('apim_api_keys').where({
          application_id: app.id,
          kind: 'console',
        });
        expect(rows).toHaveLength(1);
        expect(Number(rows[0].expires_at) - Number(rows[0].created_at)).toBe(
          15 * 60_000,
        );
        expect(rows[0].created_by).toBe('system:apim');

        const verified = await s.keys.verify({
          key: first,
          environment: 'sandbox',
          apiRef: 'payments-api',
        });
        expect(verified).toEqual(
          expect.objectContaining({
            valid: true,
            application: expect.objectContaining({ id: app.id }),
          }),
        );
        const listed = await s.keys.list(caller('alice'), app.id);
        expect(listed.map(k => k.id)).not.toContain(rows[0].id);
        const production = await s.consoleKeys.keyFor(
          app.id,
          'api:default/payments-api',
          'production',
        );
        expect(production).toMatch(/^pt_prod_/);
        // No event for console keys: they come and go every 15 minutes.
        const events = await knex('portico_outbox').where({
          subject: app.id,
          topic: 'api-key-rotated',
        });
        expect(events.map(e => e.type)).toEqual(['api-key-created']);
      });

      it('scopes a console key to the one API being tried: refused for another API of the same application', async () => {
        const { app } = await appWithEverything();
        await s.subscriptions.create(caller('alice'), {
          applicationId: app.id,
          apiRef: 'customers-api',
          plan: 'basic',
          environment: 'sandbox',
        });
        const userKey = await s.keys.create(caller('alice'), app.id, {
          environment: 'sandbox',
        });
        // A user key of the application verifies for both APIs.
        expect(
          (
            await s.keys.verify({
              key: userKey.secret,
              environment: 'sandbox',
              apiRef: 'customers-api',
            })
          ).valid,
        ).toBe(true);

        const consoleKey = await s.consoleKeys.keyFor(
          app.id,
          'api:default/payments-api',
          'sandbox',
        );
        expect(
          (
            await s.keys.verify({
              key: consoleKey,
              environment: 'sandbox',
              apiRef: 'payments-api',
            })
          ).valid,
        ).toBe(true);
        expect(
          await s.keys.verify({
            key: consoleKey,
            environment: 'sandbox',
            apiRef: 'customers-api',
          }),
        ).toEqual({ valid: false });
        // Without an apiRef it shows the one API it is for, never the others.
        const unscoped = await s.keys.verify({
          key: consoleKey,
          environment: 'sandbox',
        });
        expect(
          unscoped.valid && unscoped.subscriptions.map(x => x.apiRef),
        ).toEqual(['api:default/payments-api']);

        // Trying the other API mints another key, for that API only.
        const other = await s.consoleKeys.keyFor(
          app.id,
          'api:default/customers-api',
          'sandbox',
        );
        expect(other).not.toBe(consoleKey);
        expect(
          (
            await s.keys.verify({
              key: other,
              environment: 'sandbox',
              apiRef: 'customers-api',
            })
          ).valid,
        ).toBe(true);
        expect(
          (
            await s.keys.verify({
              key: other,
              environment: 'sandbox',
              apiRef: 'payments-api',
            })
          ).valid,
        ).toBe(false);
        const rows = await knex('apim_api_keys')
          .where({ application_id: app.id, kind: 'console' })
          .orderBy('api_ref');
        expect(rows.map(r => r.api_ref)).toEqual([
          'api:default/customers-api',
          'api:default/payments-api',
        ]);
      });

      it('mints a new key once the cached one is about to expire, and none for a deleted application', async () => {
        const { app } = await appWithEverything();
        let now = Date.now();
        const consoleKeys = new ConsoleKeyService({ db, clock: () => now });
        const first = await consoleKeys.keyFor(
          app.id,
          'api:default/payments-api',
          'sandbox',
        );
        now += 14 * 60_000;
        const second = await consoleKeys.keyFor(
          app.id,
          'api:default/payments-api',
          'sandbox',
        );
        expect(second).not.toBe(first);
        await expect(
          consoleKeys.keyFor(
            app.id,
            'api:default/payments-api',
            'staging' as any,
          ),
        ).rejects.toThrow(/does not use staging/);
        await s.applications.delete(caller('alice'), app.id);
        consoleKeys.forget(app.id);
        await expect(
          consoleKeys.keyFor(app.id, 'api:default/payments-api', 'sandbox'),
        ).rejects.toThrow(/No application/);
        expect(
          (await s.keys.verify({ key: second, environment: 'sandbox' })).valid,
        ).toBe(false);
      });

      it('decides subscriptions by the shared approval rule: never the requester, every attempt audited', async () => {
        const { manual } = await appWithEverything();
        s.audits.length = 0;
        await expect(
          s.subscriptions.act(caller('alice'), manual.id, 'approve'),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: expect.stringContaining('You asked for this subscription'),
        });
        await expect(
          s.subscriptions.act(caller('dave'), manual.id, 'reject', 'no'),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
        });
        const approved = await s.subscriptions.act(
          caller('bob'),
          manual.id,
          'approve',
        );
        expect(approved.state).toBe('active');
        await expect(
          s.subscriptions.act(caller('judy'), manual.id, 'approve'),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining('The subscription is active'),
        });
        expect(s.audits).toEqual([
          expect.objectContaining({
            eventId: 'subscription-decision',
            meta: {
              subscriptionId: manual.id,
              action: 'approve',
              actor: 'user:default/alice',
            },
            outcome: 'fail',
            error: expect.stringContaining('You asked for this subscription'),
          }),
          expect.objectContaining({
            meta: expect.objectContaining({ actor: 'user:default/dave' }),
            outcome: 'fail',
          }),
          expect.objectContaining({
            meta: expect.objectContaining({ actor: 'user:default/bob' }),
            outcome: 'success',
          }),
          expect.objectContaining({
            meta: expect.objectContaining({ actor: 'user:default/judy' }),
            outcome: 'fail',
          }),
        ]);
      });

      it('lets owner-group members and admins try an API with an active subscription only', async () => {
        const { app } = await appWithEverything();
        const ask = (
          user: string,
          environment: 'sandbox' | 'production',
          apiRef = 'api:default/payments-api',
        ) =>
          s.tryIt.assertCanTry({
            credentials: mockCredentials.user(`user:default/${user}`),
            applicationId: app.id,
            apiRef,
            environment,
          });
        await expect(ask('alice', 'sandbox')).resolves.toBeUndefined();
        await expect(ask('carol', 'sandbox')).resolves.toBeUndefined();
        await expect(ask('judy', 'sandbox')).resolves.toBeUndefined();
        await expect(ask('dave', 'sandbox')).rejects.toMatchObject({
          name: 'NotAllowedError',
        });
        // The production subscription is still pending.
        await expect(ask('alice', 'production')).rejects.toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining(
            'has no active subscription to api:default/payments-api in production',
          ),
        });
        await expect(
          ask('alice', 'sandbox', 'customers-api'),
        ).rejects.toMatchObject({ name: 'ConflictError' });
        await expect(
          s.tryIt.assertCanTry({
            credentials: mockCredentials.service(),
            applicationId: app.id,
            apiRef: 'payments-api',
            environment: 'sandbox',
          }),
        ).rejects.toMatchObject({ name: 'NotAllowedError' });
      });
    });

    describe('API change detection', () => {
      function detectorOver(
        entities: () => Entity[],
        events: EventPublisher = s.events,
      ) {
        const catalog = catalogServiceMock.mock({
          queryEntities: async (request?: any) => {
            const all = entities();
            const offset = request?.cursor ? Number(request.cursor) : 0;
            const items = all.slice(offset, offset + (request?.limit ?? 200));
            const next = offset + items.length;
            return {
              items,
              totalItems: all.length,
              pageInfo: next < all.length ? { nextCursor: String(next) } : {},
            };
          },
          getEntitiesByRefs: async (request: any) => {
            const byRef = new Map(
              entities().map(e => [
                `api:${e.metadata.namespace}/${e.metadata.name}`,
                e,
              ]),
            );
            return {
              items: request.entityRefs.map((ref: string) => byRef.get(ref)),
            };
          },
        });
        return new ApiChangeDetector({
          catalog,
          auth: mockServices.auth(),
          db,
          events,
          definitions: s.definitions,
          logger: mockServices.logger.mock(),
        });
      }
      const apiEvents = async () =>
        (
          await knex('portico_outbox')
            .whereIn('topic', ['api-created', 'api-updated', 'api-deleted'])
            .orderBy('seq')
        ).map(e => [e.type, e.subject]);

      it('publishes created, updated and deleted from a diff with its snapshot, idempotently', async () => {
        await knex('portico_outbox')
          .whereIn('topic', ['api-created', 'api-updated', 'api-deleted'])
          .delete();
        await knex('apim_api_snapshots').delete();
        let entities = CATALOG.filter(e => e.kind === 'API');
        const detector = detectorOver(() => entities);

        expect(await detector.run()).toEqual({
          created: 3,
          updated: 0,
          deleted: 0,
        });
        expect(await detector.run()).toEqual({
          created: 0,
          updated: 0,
          deleted: 0,
        });

        const [payments, customers] = entities;
        entities = [
          {
            ...payments,
            metadata: {
              ...payments.metadata,
              annotations: {
                ...payments.metadata.annotations,
                'portico.io/plans':
                  '- name: free\n  approval: auto\n  environments: [sandbox]',
              },
            },
          },
          // Only the title changed: not a change subscribers care about.
          {
            ...customers,
            metadata: { ...customers.metadata, title: 'Customers' },
          },
        ];
        expect(await detector.run()).toEqual({
          created: 0,
          updated: 1,
          deleted: 1,
        });
        const events = await apiEvents();
        // Created in catalog page order; then the changes.
        expect(events.slice(0, 3).sort()).toEqual([
          ['api-created', 'api:default/broken-api'],
          ['api-created', 'api:default/customers-api'],
          ['api-created', 'api:default/payments-api'],
        ]);
        expect(events.slice(3)).toEqual([
          ['api-updated', 'api:default/payments-api'],
          ['api-deleted', 'api:default/broken-api'],
        ]);
        const snapshot = (await db.apiSnapshots.all()).find(
          x => x.ref === 'api:default/payments-api',
        );
        expect(snapshot?.plans.map(p => p.name)).toEqual(['free']);
      });

      it('reads in full and parses only the entities whose etag moved, and keeps the projection current', async () => {
        await knex('apim_api_snapshots').delete();
        let entities = CATALOG.filter(e => e.kind === 'API').map(e => ({
          ...e,
          metadata: { ...e.metadata, etag: 'v1' },
        }));
        const detector = detectorOver(() => entities);
        const catalog = (detector as any).options.catalog;
        const parse = jest.spyOn(s.definitions, 'parse');
        await detector.run();
        expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
        parse.mockClear();
        catalog.getEntitiesByRefs.mockClear();

        expect(await detector.run()).toEqual({
          created: 0,
          updated: 0,
          deleted: 0,
        });
        expect(catalog.getEntitiesByRefs).not.toHaveBeenCalled();
        expect(parse).not.toHaveBeenCalled();

        entities = entities.map(e =>
          e.metadata.name === 'customers-api'
            ? {
                ...e,
                metadata: { ...e.metadata, title: 'Customers v2', etag: 'v2' },
              }
            : e,
        );
        expect(await detector.run()).toEqual({
          created: 0,
          updated: 0,
          deleted: 0,
        });
        expect(catalog.getEntitiesByRefs).toHaveBeenCalledWith(
          expect.objectContaining({
            entityRefs: ['api:default/customers-api'],
          }),
          expect.anything(),
        );
        expect(parse).toHaveBeenCalledTimes(1);
        expect(
          (await db.apiSnapshots.get('api:default/customers-api'))?.title,
        ).toBe('Customers v2');
        parse.mockRestore();
      });

      it('answers an API page from the projection once synced, from the catalog before', async () => {
        await knex('apim_api_snapshots').delete();
        let entities = CATALOG.filter(e => e.kind === 'API').map(e => ({
          ...e,
          metadata: { ...e.metadata, etag: 'v1' },
        }));
        const detector = detectorOver(() => entities);
        const catalog = (detector as any).options.catalog;
        catalog.getEntityByRef.mockImplementation(async (ref: string) =>
          entities.find(e => `api:default/${e.metadata.name}` === ref),
        );
        const apis = new ApiService({
          catalog,
          db,
          definitions: s.definitions,
        });
        const credentials = mockCredentials.user('user:default/carol');

        // Not synced yet: read from the catalog and parsed.
        const fromCatalog = await apis.get(
          credentials,
          'api:default/payments-api',
        );
        expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
        expect(fromCatalog.operations.map(o => o.operationId)).toEqual([
          'listPayments',
          'createPayment',
        ]);

        await detector.run();
        expect(
          (await db.apiSnapshots.get('api:default/payments-api'))?.detail
            ?.servers,
        ).toHaveLength(3);
        catalog.getEntityByRef.mockClear();
        const parse = jest.spyOn(s.definitions, 'parse');
        const fromProjection = await apis.get(
          credentials,
          'api:default/payments-api',
        );
        expect(catalog.getEntityByRef).not.toHaveBeenCalled();
        expect(parse).not.toHaveBeenCalled();
        parse.mockRestore();
        // The same page either way.
        expect(fromProjection).toEqual(fromCatalog);
        const broken = await apis.get(credentials, 'api:default/broken-api');
        expect(broken.definitionError).toMatch(/not valid YAML/);
        expect(broken.operations).toEqual([]);

        // The list does not carry the detail column.
        const listed = await db.apiSnapshots.list({ limit: 10, offset: 0 });
        expect(listed.items.every(item => item.detail === undefined)).toBe(
          true,
        );

        // Once the sync has seen a deletion, the page is gone too.
        entities = entities.filter(e => e.metadata.name !== 'payments-api');
        await detector.run();
        await expect(
          apis.get(credentials, 'api:default/payments-api'),
        ).rejects.toThrow(/No API api:default\/payments-api/);
      });

      it.each([
        [AuthorizeResult.DENY, [] as string[]],
        [AuthorizeResult.CONDITIONAL, ['api:default/customers-api']],
      ])(
        'keeps the catalog read rule for lists and pages from the projection (%s)',
        async (result, visible) => {
          await knex('apim_api_snapshots').delete();
          const entities = CATALOG.filter(e => e.kind === 'API');
          const detector = detectorOver(() => entities);
          await detector.run();
          const catalog = (detector as any).options.catalog;
          // With conditions, the catalog answers for the caller: only customers-api is theirs to read.
          catalog.getEntitiesByRefs.mockImplementation(
            async (request: any) => ({
              items: request.entityRefs.map((ref: string) =>
                visible.includes(ref)
                  ? entities.find(e => `api:default/${e.metadata.name}` === ref)
                  : undefined,
              ),
            }),
          );
          const permissions = mockServices.permissions.mock({
            authorizeConditional: async () =>
              [
                result === AuthorizeResult.CONDITIONAL
                  ? {
                      result,
                      pluginId: 'catalog',
                      resourceType: 'catalog-entity',
                      conditions: { rule: 'IS_ENTITY_OWNER', params: {} },
                    }
                  : { result },
              ] as any,
          });
          const apis = new ApiService({
            catalog,
            db,
            definitions: s.definitions,
            permissions,
          });
          const credentials = mockCredentials.user('user:default/carol');

          const list = await apis.list(credentials, { limit: 25, offset: 0 });
          expect(list.items.map(item => item.ref)).toEqual(visible);
          await expect(
            apis.get(credentials, 'api:default/payments-api'),
          ).rejects.toThrow(/No API api:default\/payments-api/);
          const pages = await Promise.all(
            visible.map(ref => apis.get(credentials, ref)),
          );
          expect(pages.map(page => page.ref)).toEqual(visible);
        },
      );

      it('moves the snapshot only together with the events (one transaction)', async () => {
        await knex('apim_api_snapshots').delete();
        const before = (await apiEvents()).length;
        const failing = new FailingPublisher(
          new OutboxPublisher(new KnexOutboxStore(knex)),
        );
        failing.failOn = 'api-created';
        const entities = CATALOG.filter(e => e.kind === 'API');
        await expect(
          detectorOver(() => entities, failing).run(),
        ).rejects.toThrow(/outbox refused/);
        expect(await db.apiSnapshots.all()).toEqual([]);
        expect((await apiEvents()).length).toBe(before);
        expect(await detectorOver(() => entities).run()).toEqual({
          created: 3,
          updated: 0,
          deleted: 0,
        });
      });

      it('writes a catalog page of changes in one transaction, with one event per API', async () => {
        await knex('apim_api_snapshots').delete();
        await knex('portico_outbox')
          .whereIn('topic', ['api-created', 'api-updated', 'api-deleted'])
          .delete();
        const template = CATALOG.find(
          e => e.metadata.name === 'customers-api',
        )!;
        let entities: Entity[] = Array.from({ length: 250 }, (_, i) => ({
          ...template,
          metadata: {
            ...template.metadata,
            name: `bulk-${String(i).padStart(3, '0')}`,
            etag: 'v1',
          },
        }));
        const detector = detectorOver(() => entities);
        const transaction = jest.spyOn(db, 'transaction');
        expect(await detector.run()).toEqual({
          created: 250,
          updated: 0,
          deleted: 0,
        });
        // Pages of 100: three transactions, not 250.
        expect(transaction).toHaveBeenCalledTimes(3);
        expect(
          (await apiEvents()).filter(([type]) => type === 'api-created'),
        ).toHaveLength(250);
        transaction.mockClear();
        entities = entities.slice(0, 40);
        expect(await detector.run()).toEqual({
          created: 0,
          updated: 0,
          deleted: 210,
        });
        // The sweep deletes a batch of 500 refs at once.
        expect(transaction).toHaveBeenCalledTimes(1);
        expect(
          (await apiEvents()).filter(([type]) => type === 'api-deleted'),
        ).toHaveLength(210);
        transaction.mockRestore();
      });

      it('never takes a failed catalog read for deletions', async () => {
        const detector = detectorOver(() => {
          throw new Error('catalog down');
        });
        const snapshots = await db.apiSnapshots.all();
        await expect(detector.run()).rejects.toThrow('catalog down');
        expect(await db.apiSnapshots.all()).toEqual(snapshots);
      });
    });
  },
);
