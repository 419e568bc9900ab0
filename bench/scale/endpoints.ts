/*
 * What bench/scale.ts measures: every list and detail endpoint the UI calls, with the catalog's
 * own list first (the reference). Ids and refs are picked from what the seed wrote.
 */
import type { Seeded, Sizes } from './seed';
import { BENCH_COMPONENTS } from './seedSecurity';

export interface Endpoint {
  name: string;
  path: (i: number) => string;
  /** The demo user who calls it (and the reference beside it); judy, the portal admin, by default. */
  user?: string;
}

export function endpoints(seeded: Seeded, SIZES: Sizes): Endpoint[] {
  const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length];
  const api = (i: number) =>
    `bench-api-${String((i * 7919) % SIZES.apis).padStart(5, '0')}`;
  const component = (i: number) =>
    encodeURIComponent(
      `component:default/bench-service-${
        (i * 7919) % Math.min(BENCH_COMPONENTS, SIZES.findings)
      }`,
    );
  // What the Security page asks when no state is chosen: the active states.
  const ACTIVE = 'state=open%2Cacknowledged%2Cin_progress';
  return [
    {
      name: 'catalog by-query limit=25 (reference)',
      path: () => '/api/catalog/entities/by-query?limit=25',
    },
    { name: 'apim GET /apis', path: () => '/api/apim/apis' },
    {
      name: 'apim GET /apis/:ns/:name',
      path: i => `/api/apim/apis/default/${api(i)}`,
    },
    { name: 'apim GET /applications', path: () => '/api/apim/applications' },
    {
      name: 'apim GET /applications/:id',
      path: i => `/api/apim/applications/${pick(seeded.applicationIds, i)}`,
    },
    {
      name: 'apim GET /applications/:id/keys',
      path: i =>
        `/api/apim/applications/${pick(seeded.applicationIds, i)}/keys`,
    },
    { name: 'apim GET /subscriptions', path: () => '/api/apim/subscriptions' },
    {
      name: 'apim GET /subscriptions/:id',
      path: i => `/api/apim/subscriptions/${pick(seeded.subscriptionIds, i)}`,
    },
    {
      name: 'promotions GET /settings',
      path: () => '/api/promotions/settings',
    },
    {
      name: 'promotions GET /requests',
      path: () => '/api/promotions/requests',
    },
    {
      name: 'promotions GET /requests?state=PENDING',
      path: () => '/api/promotions/requests?state=PENDING',
    },
    {
      name: 'promotions GET /requests?mine=true',
      path: () => '/api/promotions/requests?mine=true',
    },
    {
      name: 'promotions GET /requests?awaitingMyApproval',
      path: () => '/api/promotions/requests?awaitingMyApproval=true',
    },
    {
      name: 'promotions GET /requests/count',
      path: () => '/api/promotions/requests/count',
    },
    {
      name: 'promotions GET /requests/:id',
      path: i => `/api/promotions/requests/${pick(seeded.promotionIds, i)}`,
    },
    {
      name: 'servicedesk GET /services',
      path: () => '/api/servicedesk/services',
    },
    {
      name: 'servicedesk GET /services/:slug',
      path: i => `/api/servicedesk/services/${pick(seeded.serviceSlugs, i)}`,
    },
    {
      name: 'servicedesk GET /requests',
      path: () => '/api/servicedesk/requests',
    },
    {
      name: 'servicedesk GET /requests?status=new',
      path: () => '/api/servicedesk/requests?status=new',
    },
    {
      name: 'servicedesk GET /requests/:ticketId',
      path: i => `/api/servicedesk/requests/${pick(seeded.ticketIds, i)}`,
    },
    { name: 'servicedesk GET /teams', path: () => '/api/servicedesk/teams' },
    {
      name: 'servicedesk GET /reports/sla',
      path: () => '/api/servicedesk/reports/sla',
    },
    { name: 'portico GET /events', path: () => '/api/portico/events' },
    {
      name: 'portico GET /events/:plugin/:id',
      path: i => {
        const e = pick(seeded.eventIds, i);
        return `/api/portico/events/${e.plugin}/${e.id}`;
      },
    },
    // Security: the Security page (stats, 30-day trend, first page of active findings), its
    // severity filter, the runtime tab, a finding's page, the weekly report, and a component's
    // Security tab. Judy may triage, so she reads every team's findings; alice reads her teams'
    // only (the owner filter of a member who is not in the security group).
    {
      name: 'security GET /findings',
      path: () => `/api/security/findings?${ACTIVE}&limit=25&offset=0`,
    },
    {
      name: 'security GET /findings (team member)',
      user: 'alice',
      path: () => `/api/security/findings?${ACTIVE}&limit=25&offset=0`,
    },
    {
      name: 'security GET /findings?severity=critical,high',
      path: () =>
        `/api/security/findings?severity=critical,high&${ACTIVE}&limit=25&offset=0`,
    },
    {
      name: 'security GET /findings?componentRef',
      path: i =>
        `/api/security/findings?${ACTIVE}&limit=20&offset=0&componentRef=${component(
          i,
        )}`,
    },
    {
      name: 'security GET /findings/:id',
      path: i => `/api/security/findings/${pick(seeded.findingIds, i)}`,
    },
    { name: 'security GET /stats', path: () => '/api/security/stats' },
    {
      name: 'security GET /stats?componentRef',
      path: i => `/api/security/stats?componentRef=${component(i)}`,
    },
    {
      name: 'security GET /trend?days=30',
      path: () => '/api/security/trend?days=30',
    },
    {
      name: 'security GET /reports/weekly',
      path: () => '/api/security/reports/weekly',
    },
    {
      name: 'security GET /runtime-events',
      path: () => '/api/security/runtime-events?limit=25&offset=0',
    },
    // Monitoring: the Alerts page (status, stats, open alerts), its severity filter, a component's
    // alerts, the sidebar's firing badge, one alert. Not measured: /rules, /metrics/red and /slo
    // ask Prometheus (none is configured here, and their time would be Prometheus's), /health
    // reads the prober's history, which the bench does not seed, and /silence-windows reads
    // maintenance windows, which it does not seed either.
    { name: 'monitoring GET /status', path: () => '/api/monitoring/status' },
    {
      name: 'monitoring GET /alerts',
      path: () =>
        '/api/monitoring/alerts?state=firing%2Cacknowledged&limit=25&offset=0',
    },
    {
      name: 'monitoring GET /alerts?severity=critical',
      path: () =>
        '/api/monitoring/alerts?state=firing%2Cacknowledged&severity=critical&limit=25&offset=0',
    },
    {
      name: 'monitoring GET /alerts?component',
      path: i =>
        `/api/monitoring/alerts?component=${component(i)}&limit=25&offset=0`,
    },
    {
      name: 'monitoring GET /alerts/:id',
      path: i => `/api/monitoring/alerts/${pick(seeded.alertIds, i)}`,
    },
    { name: 'monitoring GET /stats', path: () => '/api/monitoring/stats' },
    {
      name: 'monitoring GET /stats?component',
      path: i => `/api/monitoring/stats?component=${component(i)}`,
    },
    {
      name: 'monitoring GET /my-firing',
      path: () => '/api/monitoring/my-firing',
    },
  ];
}
