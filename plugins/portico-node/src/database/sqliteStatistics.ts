import type { Knex } from 'knex';
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';

/** Whether this database is SQLite (the development engine). */
export function isSqlite(knex: Knex): boolean {
  const client = String(knex.client.config.client ?? '');
  return client === 'better-sqlite3' || client === 'sqlite3';
}

/**
 * SQLite's planner picks an index from the statistics `ANALYZE` writes, and nothing writes them
 * unless the application does: without them a list filtered on a state and ordered by severity
 * sorted 65,000 findings for every page of 25 instead of reading the order index. PostgreSQL's
 * autovacuum keeps its statistics itself, so only SQLite databases get this task: a full
 * `ANALYZE` an hour after start and then hourly (about a second at 100,000 rows; the sampled
 * `PRAGMA optimize` was seen to choose the wrong index).
 */
export async function scheduleSqliteStatistics(options: {
  knex: Knex;
  scheduler: SchedulerService;
  logger: LoggerService;
  /** Names the task: `<pluginId>-sqlite-statistics`. */
  pluginId: string;
  minutes?: number;
}): Promise<boolean> {
  const { knex, scheduler, logger, pluginId } = options;
  if (!isSqlite(knex)) return false;
  const minutes = options.minutes ?? 60;
  await scheduler.scheduleTask({
    id: `${pluginId}-sqlite-statistics`,
    scope: 'local',
    frequency: { minutes },
    initialDelay: { minutes: Math.min(minutes, 5) },
    timeout: { minutes: 5 },
    fn: async () => {
      const started = Date.now();
      await knex.raw('analyze');
      logger.debug(
        `SQLite statistics of ${pluginId} refreshed in ${
          Date.now() - started
        } ms`,
      );
    },
  });
  return true;
}
