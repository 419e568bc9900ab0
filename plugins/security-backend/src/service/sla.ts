import type { Severity } from '@portico/plugin-security-common';
import { DAY_MS } from './clock';

/** When a finding of that severity, first seen at `from`, must be fixed; undefined without a clock. */
export function dueAt(
  slaDays: Partial<Record<Severity, number>>,
  severity: Severity,
  from: number,
): number | undefined {
  const days = slaDays[severity];
  return days === undefined ? undefined : from + days * DAY_MS;
}
