import { mockServices } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { scheduleSqliteStatistics } from './sqliteStatistics';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'scheduleSqliteStatistics on %p',
  databaseId => {
    it('schedules ANALYZE for SQLite only, and the task writes the planner statistics', async () => {
      const knex = await databases.init(databaseId);
      const scheduled: Array<
        SchedulerServiceTaskScheduleDefinition & {
          id: string;
          fn: () => Promise<void>;
        }
      > = [];
      const scheduler = mockServices.scheduler.mock({
        scheduleTask: async (task: any) => {
          scheduled.push(task);
        },
      });
      await knex.schema.createTable('widgets', table => {
        table.string('id').primary();
        table.string('state');
        table.index(['state'], 'widgets_state_idx');
      });
      await knex('widgets').insert(
        Array.from({ length: 50 }, (_, i) => ({
          id: `w${i}`,
          state: i % 2 ? 'open' : 'done',
        })),
      );

      const sqlite = databaseId.startsWith('SQLITE');
      const did = await scheduleSqliteStatistics({
        knex,
        scheduler,
        logger: mockServices.logger.mock(),
        pluginId: 'widgets',
      });
      expect(did).toBe(sqlite);
      expect(scheduled.map(task => task.id)).toEqual(
        sqlite ? ['widgets-sqlite-statistics'] : [],
      );
      if (!sqlite) return;
      expect(scheduled[0]).toEqual(
        expect.objectContaining({ scope: 'local', frequency: { minutes: 60 } }),
      );
      await scheduled[0].fn();
      const stats = await knex('sqlite_stat1').where({ tbl: 'widgets' });
      expect(stats.map(row => row.idx)).toContain('widgets_state_idx');
    });
  },
);
