import type { Knex } from 'knex';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { FakeClock } from '@portico/portico-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  KnexOutboxStore,
  NotificationOutbox,
  OutboxPublisher,
  PorticoEvents,
} from '@portico/portico-node';
import { KnexLifecycleDatabase } from '../database/KnexLifecycleDatabase';
import type { ResourceExecutor } from '../service/executors/ResourceExecutor';
import { LifecycleRunner } from '../service/LifecycleRunner';
import { LifecycleService } from '../service/LifecycleService';
import { ResourceSync } from '../service/ResourceSync';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
export const T0 = Date.parse('2026-12-01T09:00:00Z');


export function resourceEntity(
  name: string,
  tags: Record<string, string | undefined>,
  etag = 'e1',
): Entity {
  const all: Record<string, string | undefined> = {
    environment: 'sandbox',
    owner: 'group:default/payments-team',
    project: 'shipping',
    'cost-center': 'CC-1042',
    ttl: '3d',
    'created-at': new Date(T0).toISOString(),
    'auto-teardown': 'true',
    'data-class': 'internal',
    ...tags,
  };
  const annotations = Object.fromEntries(
    Object.entries(all)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [`lifecycle.portico.io/${k}`, v as string]),
  );
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default', etag, annotations, title: name },
    spec: { type: 'namespace', owner: 'group:default/payments-team' },
  };
}

export interface Recorded {
  audits: Array<{ eventId: string; meta?: unknown; outcome?: 'success' | 'fail' }>;
  executor: jest.Mocked<ResourceExecutor>;
}

/** The lifecycle's services on a real database, a fake catalog, clock and executor. */
export async function lifecycleHarness(knex: Knex, entities: Entity[], clock: FakeClock) {
  const db = await KnexLifecycleDatabase.create({ knex });
  const store = new KnexOutboxStore(knex);
  const publisher = new OutboxPublisher(store);
  const events = {
    publish: (trx: Knex.Transaction, ...inputs: any[]) => publisher.publish(trx, ...inputs),
    store,
    relay: undefined as any,
  } as PorticoEvents;
  const recorded: Recorded = {
    audits: [],
    executor: {
      start: jest.fn<ReturnType<ResourceExecutor['start']>, Parameters<ResourceExecutor['start']>>(async () => ({
        taskId: 'task-1',
        status: 'running',
      })),
      poll: jest.fn<ReturnType<ResourceExecutor['poll']>, Parameters<ResourceExecutor['poll']>>(async () => ({
        status: 'succeeded',
        message: 'The template completed',
      })),
    },
  };
  const auditor = {
    createEvent: async (options: { eventId: string; meta?: unknown }) => {
      const entry: Recorded['audits'][number] = { eventId: options.eventId, meta: options.meta };
      recorded.audits.push(entry);
      return {
        success: async () => {
          entry.outcome = 'success';
        },
        fail: async () => {
          entry.outcome = 'fail';
        },
      };
    },
  } as unknown as AuditorService;
  const notifications = { send: jest.fn(async () => {}) };
  const notices = new NotificationOutbox({ knex, notifications, logger: mockServices.logger.mock(), clock: () => clock.now() });
  const catalog = catalogServiceMock({ entities });
  const auth = mockServices.auth();
  const logger = mockServices.logger.mock();
  const newRunner = () =>
    new LifecycleRunner({ db, events, notices, executor: recorded.executor, auditor, clock, logger });
  return {
    db,
    catalog,
    notices,
    notifications,
    recorded,
    sync: new ResourceSync({ db, catalog, auth, events, clock, logger }),
    /** A sync over another catalog content (entities changed or removed). */
    syncWith: (changed: Entity[]) =>
      new ResourceSync({ db, catalog: catalogServiceMock({ entities: changed }), auth, events, clock, logger }),
    newRunner,
    service: new LifecycleService({ db, events, executor: recorded.executor, auditor, clock }),
    /** Events in the outbox, `topic/type subject`, oldest first. */
    async outbox(): Promise<string[]> {
      const rows = await knex('portico_outbox').orderBy('seq');
      return rows.map((r: any) => `${r.topic}/${r.type} ${r.subject}`);
    },
  };
}
