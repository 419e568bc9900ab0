const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The value of a datetime-local input (the browser's time zone, to the minute) for an ISO
 * time. The URL keeps the ISO time so that a shared link means the same moment everywhere.
 */
export function toDateTimeLocal(iso: string | undefined): string {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO time (UTC) of a datetime-local input's value; undefined when empty or invalid. */
export function fromDateTimeLocal(value: string): string | undefined {
  if (!value) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
