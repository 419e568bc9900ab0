import type { ScheduleView } from '@portico/plugin-portico-common';

/** "every day at 06:00 UTC" for the common cron shapes, else the expression itself. */
export function describeTrigger(schedule: Pick<ScheduleView, 'cron' | 'intervalMinutes'>): string {
  if (schedule.intervalMinutes) {
    const m = schedule.intervalMinutes;
    if (m % 1440 === 0) return m === 1440 ? 'every day' : `every ${m / 1440} days`;
    if (m % 60 === 0) return m === 60 ? 'every hour' : `every ${m / 60} hours`;
    return `every ${m} minutes`;
  }
  const cron = schedule.cron ?? '';
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/);
  const simple = (v: string | undefined) => v !== undefined && /^\d+$/.test(v);
  if (simple(minute) && simple(hour) && dom === '*' && month === '*') {
    const time = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')} UTC`;
    if (dow === '*') return `every day at ${time}`;
    if (dow === '1-5') return `weekdays at ${time}`;
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    if (simple(dow) && Number(dow) <= 7) return `every ${days[Number(dow)]} at ${time}`;
  }
  return `cron ${cron} (UTC)`;
}
