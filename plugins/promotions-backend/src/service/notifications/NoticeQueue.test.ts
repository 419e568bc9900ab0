import { mockServices } from '@backstage/backend-test-utils';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexPromotionDatabase } from '../../database/KnexPromotionDatabase';
import { NOTICES, NoticeQueue } from './NoticeQueue';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

const event = { id: '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d', topic: 'promotion-requests', type: 'request-rejected', subject: 'r' } as PorticoEvent;
const notice = { recipients: { users: ['user:default/alice'] }, title: 'Promotion rejected', link: '/promotions/r', severity: 'medium' as const };

describe.each(databases.eachSupportedId())('NoticeQueue on %p', databaseId => {
  it('sends queued notices outside the transaction, and retries a failed send later', async () => {
    const knex = await databases.init(databaseId);
    await KnexPromotionDatabase.create({ knex });
    let now = 1_000_000;
    let failing = true;
    const sent: unknown[] = [];
    const queue = new NoticeQueue({
      knex,
      logger: mockServices.logger.mock(),
      clock: () => now,
      notifications: {
        send: async (n: unknown) => {
          if (failing) throw new Error('notifications backend down');
          sent.push(n);
        },
      } as any,
    });
    await knex.transaction(trx => queue.enqueue(trx, event, notice));

    expect(await queue.sendDue()).toBe(0);
    const [row] = await knex(NOTICES);
    expect(row).toMatchObject({ attempts: 1, last_error: expect.stringContaining('down') });
    // Not due yet.
    failing = false;
    expect(await queue.sendDue()).toBe(0);
    now += 10_000;
    expect(await queue.sendDue()).toBe(1);
    expect(sent).toEqual([
      expect.objectContaining({
        recipients: { type: 'entity', entityRef: ['user:default/alice'], excludeEntityRef: undefined },
        payload: expect.objectContaining({ title: 'Promotion rejected', topic: 'promotion-requests:request-rejected' }),
      }),
    ]);
    expect(await knex(NOTICES)).toEqual([]);
  });
});
