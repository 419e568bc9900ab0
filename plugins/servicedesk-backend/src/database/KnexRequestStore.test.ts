import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  HOUR,
  newRequestRecord as request,
  T0,
} from '../__testUtils__/requestRecords';
import { KnexServicedeskDatabase } from './KnexServicedeskDatabase';
import type { NewRequestRecord } from './ServicedeskStore';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexRequestStore on %p',
  databaseId => {
    let db: KnexServicedeskDatabase;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      db = await KnexServicedeskDatabase.create({ knex });
    });

    it('numbers tickets SD-000001, SD-000002 and reads them back with their service name', async () => {
      const first = await db.requests.insert(request());
      const second = await db.requests.insert(request({ title: 'Another' }));
      expect(first.ticketId).toBe('SD-000001');
      expect(second.ticketId).toBe('SD-000002');
      expect(await db.requests.get(first.number)).toMatchObject({
        ticketId: 'SD-000001',
        serviceName: 'Hardware request',
        formData: { item: 'monitor' },
        autoResolution: false,
        slaDueAt: T0 + 48 * HOUR,
      });
    });

    it('counts resolved tickets per service and team in the database, from the period only', async () => {
      const resolve = async (
        overrides: Partial<NewRequestRecord>,
        resolvedAt: number,
        slaMet: boolean,
      ) => {
        const r = await db.requests.insert(request(overrides));
        await db.requests.update(r.number, {
          status: 'resolved',
          resolvedAt,
          slaMet,
        });
      };
      await resolve({}, T0 + HOUR, true);
      await resolve({}, T0 + 2 * HOUR, false);
      await resolve({}, T0 - 40 * 24 * HOUR, true);
      await resolve(
        { team: 'group:default/hr-team', serviceSlug: 'user_onboarding' },
        T0 + HOUR,
        true,
      );
      await db.requests.insert(request());
      const counts = await db.requests.resolvedCountsSince(T0 - 30 * 24 * HOUR);
      expect(counts.sort((a, b) => a.team.localeCompare(b.team))).toEqual([
        {
          serviceSlug: 'user_onboarding',
          team: 'group:default/hr-team',
          resolved: 1,
          withinSla: 1,
        },
        {
          serviceSlug: 'hardware_request',
          team: 'group:default/servicedesk-agents',
          resolved: 2,
          withinSla: 1,
        },
      ]);
    });

    it('filters lists by requester, team, status, assignee and overdue (paused tickets are never overdue)', async () => {
      const late = await db.requests.insert(request({ slaDueAt: T0 + HOUR }));
      const paused = await db.requests.insert(
        request({
          slaDueAt: T0 + HOUR,
          pausedSince: T0,
          pauseReason: 'waiting_on_requester',
        }),
      );
      const onTime = await db.requests.insert(
        request({ assignedTo: 'user:default/heidi' }),
      );
      await db.requests.insert(
        request({
          requesterRef: 'user:default/bob',
          team: 'group:default/hr-team',
          serviceSlug: 'user_onboarding',
        }),
      );
      const ids = async (filter: object) =>
        (await db.requests.list({ limit: 10, offset: 0, ...filter })).items
          .map(r => r.number)
          .sort();

      expect(await ids({ overdueAt: T0 + 2 * HOUR })).toEqual([late.number]);
      expect(await ids({ assignedTo: 'user:default/heidi' })).toEqual([
        onTime.number,
      ]);
      expect(
        await ids({
          assignedTo: null,
          teams: ['group:default/servicedesk-agents'],
        }),
      ).toEqual([late.number, paused.number]);
      expect(await ids({ requesterRef: 'user:default/bob' })).toHaveLength(1);
      expect((await db.requests.list({ limit: 1, offset: 0 })).totalCount).toBe(
        4,
      );
      // The page carries each ticket's service name; the count is of the filtered tickets only.
      const bobs = await db.requests.list({
        requesterRef: 'user:default/bob',
        limit: 1,
        offset: 0,
      });
      expect(bobs.totalCount).toBe(1);
      expect(bobs.items[0]).toMatchObject({
        serviceSlug: 'user_onboarding',
        serviceName: 'User onboarding',
      });
      const newestFirst = await db.requests.list({ limit: 2, offset: 1 });
      expect(newestFirst.items.map(r => r.number)).toEqual([
        onTime.number,
        paused.number,
      ]);
      expect(await db.requests.dueForBreach(T0 + 2 * HOUR, 10)).toEqual([
        expect.objectContaining({ number: late.number }),
      ]);
    });

    it('keeps the pauses of a ticket and closes the running one', async () => {
      const r = await db.requests.insert(request());
      await db.requests.startPause(r.number, 'automation', T0);
      await db.requests.endPause(r.number, T0 + HOUR);
      await db.requests.startPause(
        r.number,
        'waiting_on_requester',
        T0 + 2 * HOUR,
      );
      expect(await db.requests.pauses(r.number)).toEqual([
        { reason: 'automation', startedAt: T0, endedAt: T0 + HOUR },
        {
          reason: 'waiting_on_requester',
          startedAt: T0 + 2 * HOUR,
          endedAt: undefined,
        },
      ]);
    });
  },
);
