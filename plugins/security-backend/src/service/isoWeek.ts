import { DAY_MS } from './clock';

const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of ISO week 1 of `year` (the week holding 4 January). */
function firstMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - weekday * DAY_MS;
}

/** The ISO week (`2026-W49`) holding `at`, weeks from Monday 00:00 UTC. */
export function isoWeekOf(at: number): string {
  const date = new Date(at);
  let year = date.getUTCFullYear();
  if (at >= firstMonday(year + 1)) year += 1;
  else if (at < firstMonday(year)) year -= 1;
  const week = Math.floor((at - firstMonday(year)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** [from, to) of an ISO week, in epoch ms. */
export function isoWeekRange(week: string): { from: number; to: number } {
  const [, year, number] = /^(\d{4})-W(\d{2})$/.exec(week)!;
  const from = firstMonday(Number(year)) + (Number(number) - 1) * WEEK_MS;
  return { from, to: from + WEEK_MS };
}

/** The last complete ISO week before `at`. */
export function lastCompleteWeek(at: number): string {
  return isoWeekOf(isoWeekRange(isoWeekOf(at)).from - 1);
}
