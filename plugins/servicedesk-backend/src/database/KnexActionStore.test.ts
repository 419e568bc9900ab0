import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  newRequestRecord as request,
  T0,
} from '../__testUtils__/requestRecords';
import { KnexServicedeskDatabase } from './KnexServicedeskDatabase';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexActionStore on %p',
  databaseId => {
    let db: KnexServicedeskDatabase;

    beforeEach(async () => {
      const knex = await databases.init(databaseId);
      db = await KnexServicedeskDatabase.create({ knex });
    });

    it('ends a running action once (two followers cannot both finish it)', async () => {
      const r = await db.requests.insert(request({ autoResolution: true }));
      await db.actions.insert({
        id: '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d',
        requestNumber: r.number,
        actionType: 'scaffolder-task',
        actionData: { templateRef: 'template:default/x', values: { a: 1 } },
        status: 'running',
        executedBy: 'user:default/alice',
        executedAt: T0,
      });
      await db.actions.setTaskId(
        '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d',
        'task-1',
      );
      expect(await db.actions.running(10)).toEqual([
        expect.objectContaining({ taskId: 'task-1' }),
      ]);
      expect(
        await db.actions.finish('6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d', {
          status: 'succeeded',
          finishedAt: T0 + 1,
          result: { summary: 'ok' },
        }),
      ).toBe(true);
      expect(
        await db.actions.finish('6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d', {
          status: 'failed',
          finishedAt: T0 + 2,
          errorMessage: 'late',
        }),
      ).toBe(false);
      expect(await db.actions.forRequest(r.number)).toEqual([
        expect.objectContaining({
          status: 'succeeded',
          result: { summary: 'ok' },
          finishedAt: T0 + 1,
        }),
      ]);
    });
  },
);
