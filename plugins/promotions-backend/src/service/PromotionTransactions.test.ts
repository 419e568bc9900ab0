import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import type { AuditorService } from '@backstage/backend-plugin-api';
import {
  KnexOutboxStore,
  OUTBOX_TABLE,
  OutboxPublisher,
} from '@portico/portico-node';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexPromotionDatabase } from '../database/KnexPromotionDatabase';
import type { PromotionRecord } from '../database/PromotionStore';
import { PromotionTransactions } from './PromotionTransactions';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

function pending(): PromotionRecord {
  return {
    id: randomUUID(),
    componentRef: 'component:default/payments-gateway',
    tenant: 'acme',
    version: '1.0.0',
    fromEnvironment: 'STAGING',
    toEnvironment: 'PROD',
    justification: 'Because it is ready',
    rollbackPlan: 'Promote the previous version',
    state: 'PENDING',
    requestedBy: 'user:default/alice',
    requiredApprovals: 1,
    revision: 0,
    createdAt: 1000,
    updatedAt: 1000,
  };
}

describe.each(databases.eachSupportedId())(
  'PromotionTransactions on %p',
  databaseId => {
    let knex: Knex;
    let db: KnexPromotionDatabase;
    let transactions: PromotionTransactions;
    const audits: Array<{ eventId: string; meta?: unknown }> = [];

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      db = await KnexPromotionDatabase.create({ knex });
      const auditor = {
        createEvent: async (options: { eventId: string; meta?: unknown }) => {
          audits.push({ eventId: options.eventId, meta: options.meta });
          return { success: async () => {}, fail: async () => {} };
        },
      } as unknown as AuditorService;
      transactions = new PromotionTransactions({
        db,
        events: new OutboxPublisher(new KnexOutboxStore(knex)),
        auditor,
      });
    });

    beforeEach(() => {
      audits.length = 0;
    });

    const outbox = (subject: string) =>
      knex(OUTBOX_TABLE).where({ subject }).orderBy('seq');

    it('commits the state, the timeline entry and the event together, then audits the transition', async () => {
      const record = pending();
      await db.requests.insert(record);

      const next = await transactions.run(change =>
        change.transition(record, 'reject', 'user:default/bob', 2000, {
          comment: 'Not now',
        }),
      );

      expect(next).toMatchObject({
        state: 'REJECTED',
        revision: 1,
        updatedAt: 2000,
      });
      expect(await db.requests.get(record.id)).toMatchObject({
        state: 'REJECTED',
        revision: 1,
      });
      expect(await db.requests.timeline(record.id)).toEqual([
        {
          action: 'reject',
          from: 'PENDING',
          to: 'REJECTED',
          actor: 'user:default/bob',
          comment: 'Not now',
          at: 2000,
        },
      ]);
      const events = await outbox(record.id);
      expect(events.map(e => [e.topic, e.type])).toEqual([
        ['promotion-requests', 'request-rejected'],
      ]);
      expect(JSON.parse(events[0].payload).data).toMatchObject({
        state: 'REJECTED',
        previousState: 'PENDING',
        comment: 'Not now',
      });
      expect(audits).toEqual([
        {
          eventId: 'promotion-transition',
          meta: {
            requestId: record.id,
            action: 'reject',
            from: 'PENDING',
            to: 'REJECTED',
            actor: 'user:default/bob',
          },
        },
      ]);
    });

    it('leaves no half state and audits nothing when the work fails after a transition', async () => {
      const record = pending();
      await db.requests.insert(record);

      await expect(
        transactions.run(async change => {
          await change.transition(record, 'reject', 'user:default/bob', 2000, {
            comment: 'Not now',
          });
          throw new Error('the outbox is down');
        }),
      ).rejects.toThrow('the outbox is down');

      expect(await db.requests.get(record.id)).toMatchObject({
        state: 'PENDING',
        revision: 0,
      });
      expect(await db.requests.timeline(record.id)).toEqual([]);
      expect(await outbox(record.id)).toEqual([]);
      expect(audits).toEqual([]);
    });

    it('refuses a transition on a revision another change moved, naming both states', async () => {
      const record = pending();
      await db.requests.insert(record);
      await transactions.run(change =>
        change.transition(record, 'reject', 'user:default/bob', 2000, {
          comment: 'No',
        }),
      );
      audits.length = 0;

      await expect(
        transactions.run(change =>
          change.transition(record, 'approve', 'user:default/carol', 3000),
        ),
      ).rejects.toThrow(
        'The promotion request is now REJECTED; it was PENDING when your approve started and another change came first, so it cannot be approved',
      );
      expect(await db.requests.timeline(record.id)).toHaveLength(1);
      expect(audits).toEqual([]);
    });
  },
);
