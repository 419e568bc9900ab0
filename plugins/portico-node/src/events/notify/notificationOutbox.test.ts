import { mockServices } from '@backstage/backend-test-utils';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  NOTIFICATION_OUTBOX_TABLE,
  NotificationOutbox,
  notificationOutboxMigration,
} from './notificationOutbox';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

const event = {
  id: '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d',
  topic: 'promotion-requests',
  type: 'request-rejected',
  subject: 'r',
} as PorticoEvent;
const notice = {
  recipients: { users: ['user:default/alice'] },
  title: 'Promotion rejected',
  link: '/promotions/r',
  severity: 'medium' as const,
};

describe.each(databases.eachSupportedId())(
  'NotificationOutbox on %p',
  databaseId => {
    async function setup(send: (n: unknown) => Promise<void>) {
      const knex = await databases.init(databaseId);
      await notificationOutboxMigration.up(knex);
      let now = 1_000_000;
      const outbox = new NotificationOutbox({
        knex,
        logger: mockServices.logger.mock(),
        clock: () => now,
        notifications: { send } as any,
      });
      return { knex, outbox, advance: (ms: number) => (now += ms) };
    }

    it('sends queued notices outside the transaction, and retries a failed send later', async () => {
      let failing = true;
      const sent: unknown[] = [];
      const { knex, outbox, advance } = await setup(async n => {
        if (failing) throw new Error('notifications backend down');
        sent.push(n);
      });
      await knex.transaction(trx => outbox.enqueue(trx, event, notice));

      expect(await outbox.sendDue()).toBe(0);
      const [row] = await knex(NOTIFICATION_OUTBOX_TABLE);
      expect(row).toMatchObject({
        attempts: 1,
        last_error: expect.stringContaining('down'),
      });
      failing = false;
      expect(await outbox.sendDue()).toBe(0); // not due yet
      advance(10_000);
      expect(await outbox.sendDue()).toBe(1);
      expect(sent).toEqual([
        expect.objectContaining({
          recipients: {
            type: 'entity',
            entityRef: ['user:default/alice'],
            excludeEntityRef: undefined,
          },
          payload: expect.objectContaining({
            title: 'Promotion rejected',
            topic: 'promotion-requests:request-rejected',
          }),
        }),
      ]);
      expect(await knex(NOTIFICATION_OUTBOX_TABLE)).toEqual([]);
    });

    it('queues nothing when the transaction rolls back', async () => {
      const send = jest.fn(async () => {});
      const { knex, outbox } = await setup(send);
      await expect(
        knex.transaction(async trx => {
          await outbox.enqueue(trx, event, notice);
          throw new Error('the handler failed');
        }),
      ).rejects.toThrow('the handler failed');
      expect(await outbox.sendDue()).toBe(0);
      expect(send).not.toHaveBeenCalled();
    });

    it('gives up on a notice after ten failed sends', async () => {
      const { knex, outbox, advance } = await setup(async () => {
        throw new Error('still down');
      });
      await knex.transaction(trx => outbox.enqueue(trx, event, notice));
      for (let i = 0; i < 10; i++) {
        await outbox.sendDue();
        advance(600_000);
      }
      expect(await knex(NOTIFICATION_OUTBOX_TABLE)).toEqual([]);
    });
  },
);
