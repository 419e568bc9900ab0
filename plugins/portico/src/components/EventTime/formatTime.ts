const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "5 minutes ago", "yesterday", "in 30 seconds"; the time itself when it does not parse. */
export function formatRelativeTime(
  iso: string,
  now: Date = new Date(),
): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) {
    return iso;
  }
  const seconds = Math.round((time - now.getTime()) / 1000);
  const [unit, size] =
    UNITS.find(([, unitSeconds]) => Math.abs(seconds) >= unitSeconds) ??
    UNITS[UNITS.length - 1];
  return relativeFormat.format(Math.round(seconds / size), unit);
}

/** The local date and time, followed by the exact ISO time the server sent. */
export function formatAbsoluteTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return `${date.toLocaleString()} (${iso})`;
}
