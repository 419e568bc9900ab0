import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  newRequestRecord as request,
  T0,
} from '../__testUtils__/requestRecords';
import { KnexServicedeskDatabase } from './KnexServicedeskDatabase';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexServicedeskDatabase on %p',
  databaseId => {
    let db: KnexServicedeskDatabase;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      db = await KnexServicedeskDatabase.create({ knex });
    });

    it('adds and edits services, and keeps the round-robin cursor per team', async () => {
      const service = (await db.services.get('hardware_request'))!;
      expect(
        await db.services.upsert({ ...service, slaHours: 24, active: false }),
      ).toBe('updated');
      expect(await db.services.get('hardware_request')).toMatchObject({
        slaHours: 24,
        active: false,
      });
      expect((await db.services.list()).map(s => s.slug)).not.toContain(
        'hardware_request',
      );
      expect(
        await db.services.upsert({
          ...service,
          slug: 'desk_chairs',
          name: 'Desk chair',
        }),
      ).toBe('created');
      expect(await db.services.list({ includeInactive: true })).toHaveLength(
        11,
      );

      await db.cursors.setLastAssignee(
        'group:default/servicedesk-agents',
        'user:default/heidi',
      );
      await db.cursors.setLastAssignee(
        'group:default/servicedesk-agents',
        'user:default/ivan',
      );
      expect(
        await db.cursors.lastAssignee('group:default/servicedesk-agents'),
      ).toBe('user:default/ivan');
      expect(
        await db.cursors.lastAssignee('group:default/hr-team'),
      ).toBeUndefined();
    });

    it('writes every store in a transaction, or nothing when it fails', async () => {
      await expect(
        db.transaction(async tx => {
          const r = await tx.requests.insert(request());
          await tx.requests.addHistory(r.number, {
            toStatus: 'new',
            actor: 'user:default/alice',
            at: T0,
          });
          await tx.cursors.setLastAssignee(
            'group:default/servicedesk-agents',
            'user:default/heidi',
          );
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(
        (await db.requests.list({ limit: 10, offset: 0 })).totalCount,
      ).toBe(0);
      expect(
        await db.cursors.lastAssignee('group:default/servicedesk-agents'),
      ).toBeUndefined();

      const committed = await db.transaction(async tx => {
        const r = await tx.requests.insert(request());
        await tx.requests.addHistory(r.number, {
          toStatus: 'new',
          actor: 'user:default/alice',
          at: T0,
        });
        await tx.cursors.setLastAssignee(
          'group:default/servicedesk-agents',
          'user:default/heidi',
        );
        return r;
      });
      expect(await db.requests.get(committed.number)).toMatchObject({
        ticketId: committed.ticketId,
      });
      expect(await db.requests.history(committed.number)).toEqual([
        {
          fromStatus: undefined,
          toStatus: 'new',
          actor: 'user:default/alice',
          note: undefined,
          at: T0,
        },
      ]);
      expect(
        await db.cursors.lastAssignee('group:default/servicedesk-agents'),
      ).toBe('user:default/heidi');
    });
  },
);
