import type { SlaView } from '@portico/plugin-servicedesk-common';

/** 90 min -> "1 h 30 min"; 3 days -> "3 d 0 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}

/** What a list shows in its SLA column. */
export function slaLabel(sla: SlaView, resolved: boolean): string {
  if (resolved) {
    if (sla.met === undefined) return '—';
    return sla.met ? 'Met' : 'Missed';
  }
  const time = formatDuration(sla.remainingMs);
  const base = sla.remainingMs >= 0 ? `${time} left` : `Overdue by ${time}`;
  return sla.paused ? `${base} (paused)` : base;
}

export function shortRef(ref: string | undefined): string {
  if (!ref) return '';
  return ref.replace(/^[a-z]+:(default\/)?/, '');
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString();
}
