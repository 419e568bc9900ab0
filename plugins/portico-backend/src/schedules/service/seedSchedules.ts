import { randomUUID } from 'node:crypto';
import type { Config } from '@backstage/config';
import type { ScheduleDatabase } from '../database/ScheduleStore';
import { SCHEDULE_PRINCIPAL } from './ScheduleRunner';
import { normalizeTemplateRef } from './TemplateGate';
import { checkCron } from './triggers';

export interface ScheduleSettings {
  tickSeconds: number;
  examples: Array<{
    name: string;
    templateRef: string;
    cron?: string;
    intervalMinutes?: number;
    owner: string;
    parameters: Record<string, string | number | boolean>;
  }>;
}

export function readScheduleSettings(config: Config): ScheduleSettings {
  const schedules = config.getOptionalConfig('portico.schedules');
  return {
    tickSeconds: schedules?.getOptionalNumber('tickSeconds') ?? 30,
    examples: (schedules?.getOptionalConfigArray('examples') ?? []).map(example => {
      const cron = example.getOptionalString('cron');
      if (cron) checkCron(cron);
      return {
        name: example.getString('name'),
        templateRef: normalizeTemplateRef(example.getString('templateRef')),
        cron,
        intervalMinutes: example.getOptionalNumber('intervalMinutes'),
        owner: example.getString('owner').toLocaleLowerCase('en-US'),
        parameters: (example.getOptional('parameters') ?? {}) as Record<string, string | number | boolean>,
      };
    }),
  };
}

/**
 * The operator's example schedules (the seed's daily and weekly jobs), inserted once by name and
 * always disabled: a portal admin enables one, and so vouches for it (their right to run the
 * template is checked then). An admin's later changes are never overwritten.
 */
export async function seedExampleSchedules(db: ScheduleDatabase, settings: ScheduleSettings, now: number): Promise<number> {
  let inserted = 0;
  for (const example of settings.examples) {
    if (await db.schedules.byName(example.name)) continue;
    await db.schedules.insert({
      id: randomUUID(),
      ...example,
      enabled: false,
      createdBy: SCHEDULE_PRINCIPAL,
      createdAt: now,
      updatedBy: SCHEDULE_PRINCIPAL,
      updatedAt: now,
    });
    inserted++;
  }
  return inserted;
}
