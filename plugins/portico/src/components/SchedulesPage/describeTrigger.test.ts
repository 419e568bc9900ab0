import { describeTrigger } from './describeTrigger';

describe('describeTrigger', () => {
  it.each([
    [{ cron: '0 6 * * *' }, 'every day at 06:00 UTC'],
    [{ cron: '30 7 * * 1' }, 'every Monday at 07:30 UTC'],
    [{ cron: '0 8 * * 1-5' }, 'weekdays at 08:00 UTC'],
    [{ cron: '*/10 * * * *' }, 'cron */10 * * * * (UTC)'],
    [{ intervalMinutes: 60 }, 'every hour'],
    [{ intervalMinutes: 90 }, 'every 90 minutes'],
    [{ intervalMinutes: 2880 }, 'every 2 days'],
  ])('%j reads "%s"', (trigger, text) => {
    expect(describeTrigger(trigger)).toBe(text);
  });
});
