import type { ComplianceReport, ComplianceRow } from '@portico/plugin-servicedesk-common';
import type { ServicedeskDatabase } from '../database/ServicedeskStore';
import type { Clock } from './clock';

const DAY_MS = 86_400_000;

/** SLA compliance: the share of tickets resolved within their SLA, over the last 30 days. */
export class ReportService {
  constructor(private readonly options: { db: ServicedeskDatabase; clock: Clock }) {}

  async compliance(days = 30): Promise<ComplianceReport> {
    const { db, clock } = this.options;
    const to = clock.now();
    const from = to - days * DAY_MS;
    const [resolved, breachedOpen, services] = await Promise.all([
      db.requests.resolvedCountsSince(from),
      db.requests.openBreachedCounts(),
      db.services.list({ includeInactive: true }),
    ]);
    const rows = (keyOf: (r: { serviceSlug: string; team: string }) => string, nameOf: (key: string) => string) => {
      const byKey = new Map<string, ComplianceRow>();
      const row = (key: string) => {
        let r = byKey.get(key);
        if (!r) {
          r = { key, name: nameOf(key), resolved: 0, withinSla: 0, breachedOpen: 0 };
          byKey.set(key, r);
        }
        return r;
      };
      for (const r of resolved) {
        const entry = row(keyOf(r));
        entry.resolved += r.resolved;
        entry.withinSla += r.withinSla;
      }
      for (const b of breachedOpen) row(keyOf(b)).breachedOpen += b.count;
      return [...byKey.values()]
        .map(r => (r.resolved > 0 ? { ...r, compliance: r.withinSla / r.resolved } : r))
        .sort((a, b) => a.name.localeCompare(b.name));
    };
    const serviceNames = new Map(services.map(s => [s.slug, s.name]));
    return {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      byService: rows(r => r.serviceSlug, key => serviceNames.get(key) ?? key),
      byTeam: rows(r => r.team, key => key),
    };
  }
}
