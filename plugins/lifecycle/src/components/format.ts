const HOUR = 3600_000;

/** "3 d 4 h left", "expired 2 h ago". */
export function formatTimeLeft(msLeft: number | undefined): string {
  if (msLeft === undefined) return 'no expiry';
  const abs = Math.abs(msLeft);
  const days = Math.floor(abs / (24 * HOUR));
  const hours = Math.floor((abs % (24 * HOUR)) / HOUR);
  let text = `${Math.max(1, Math.round(abs / 60_000))} min`;
  if (days > 0) text = `${days} d ${hours} h`;
  else if (hours > 0) text = `${hours} h`;
  return msLeft >= 0 ? `${text} left` : `expired ${text} ago`;
}

export function formatDate(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export const shortRef = (ref: string | undefined) => (ref ? ref.replace(/^[a-z]+:default\//, '') : '—');

export const EXCLUSIONS: Record<string, string> = {
  prod: 'prod: never torn down',
  restricted: 'restricted data: excluded',
  'auto-teardown-off': 'auto-teardown off',
  'no-ttl': 'no TTL',
  'invalid-tags': 'tags invalid: not torn down',
};
