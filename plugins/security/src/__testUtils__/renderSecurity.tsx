import { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  Finding,
  FindingDetails,
  FindingsTrend,
  SecurityStats,
} from '@portico/plugin-security-common';
import { securityApiRef, type SecurityApi } from '../api';
import { findingRouteRef, securityRouteRef } from '../routes';

type MountedRoutes = NonNullable<
  NonNullable<Parameters<typeof renderInTestApp>[1]>['mountedRoutes']
>;

const counts = (critical = 0, high = 0, medium = 0, low = 0) => ({
  critical,
  high,
  medium,
  low,
  unknown: 0,
});

export const STATS: SecurityStats = {
  open: counts(1, 2, 1, 1),
  overdue: counts(1),
  unowned: 0,
  byComponent: [
    {
      componentRef: 'component:default/payments-gateway',
      open: counts(1, 2, 1, 1),
      overdue: 1,
    },
  ],
  byTeam: [
    {
      ownerRef: 'group:default/payments-team',
      open: counts(1, 2, 1, 1),
      overdue: 1,
    },
  ],
  meanTimeToFixHours: 12.5,
  slaDays: { critical: 7, high: 30, medium: 90 },
};

export const TREND: FindingsTrend = {
  days: [
    { date: '2026-12-04', ...counts(2, 2, 1, 1) },
    { date: '2026-12-05', ...counts(1, 2, 1, 1) },
  ],
  meanTimeToFixHours: { critical: 30 },
};

export const FINDING: Finding = {
  id: '3f2b1c0d-1111-4222-8333-444455556666',
  fingerprint: 'f'.repeat(64),
  scanner: 'trivy',
  kind: 'vulnerability',
  ruleId: 'CVE-2023-5363',
  title: 'openssl: incorrect cipher key and IV length processing',
  severity: 'critical',
  cvssScore: 9.8,
  pkgName: 'libcrypto3',
  installedVersion: '3.1.4-r2',
  fixedVersion: '3.1.4-r3',
  artifact: 'ghcr.io/acme/payments-gateway:1.4.2',
  repository: 'ghcr.io/acme/payments-gateway',
  componentRef: 'component:default/payments-gateway',
  ownerRef: 'group:default/payments-team',
  state: 'open',
  revision: 0,
  occurrences: 1,
  firstSeenAt: '2026-11-20T10:00:00Z',
  lastSeenAt: '2026-12-05T10:00:00Z',
  dueAt: '2026-11-27T10:00:00Z',
  overdue: true,
};

export function details(
  overrides: Partial<FindingDetails> = {},
): FindingDetails {
  return {
    ...FINDING,
    timeline: [
      {
        action: 'open',
        from: null,
        to: 'open',
        actor: 'plugin:security',
        at: FINDING.firstSeenAt,
      },
    ],
    riskRequests: [],
    seenIn: [],
    permittedActions: {
      triage: [],
      requestRisk: false,
      decideRisk: false,
      fileTicket: false,
    },
    ...overrides,
  };
}

export function mockSecurityApi(
  impl: Partial<SecurityApi> = {},
): jest.Mocked<SecurityApi> {
  const missing = (name: string) =>
    jest.fn(async () => {
      throw new Error(`${name} not mocked`);
    });
  return {
    listFindings: jest.fn(
      impl.listFindings ??
        (async q => ({
          items: [FINDING],
          totalCount: 1,
          limit: Number(q.limit ?? 25),
          offset: 0,
        })),
    ),
    getFinding: jest.fn(impl.getFinding ?? (async () => details())),
    getStats: jest.fn(impl.getStats ?? (async () => STATS)),
    listRuntimeEvents: jest.fn(
      impl.listRuntimeEvents ??
        (async () => ({ items: [], totalCount: 0, limit: 20, offset: 0 })),
    ),
    triage: jest.fn(impl.triage ?? missing('triage')),
    requestRisk: jest.fn(impl.requestRisk ?? missing('requestRisk')),
    fileTicket: jest.fn(impl.fileTicket ?? missing('fileTicket')),
    decideRisk: jest.fn(impl.decideRisk ?? missing('decideRisk')),
    uploadTrivyReport: jest.fn(
      impl.uploadTrivyReport ?? missing('uploadTrivyReport'),
    ),
    bulkTriage: jest.fn(impl.bulkTriage ?? missing('bulkTriage')),
    getTrend: jest.fn(impl.getTrend ?? (async () => TREND)),
    getWeeklyReport: jest.fn(
      impl.getWeeklyReport ?? missing('getWeeklyReport'),
    ),
    getWeeklyReportCsv: jest.fn(
      impl.getWeeklyReportCsv ?? missing('getWeeklyReportCsv'),
    ),
  } as jest.Mocked<SecurityApi>;
}

export function renderSecurity(
  element: ReactElement,
  options: {
    securityApi: SecurityApi;
    allowed?: string[];
    entity?: Entity;
    url?: string;
    mountPath?: string;
  },
) {
  return renderInTestApp(
    options.entity ? (
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    ) : (
      element
    ),
    {
      apis: [
        [securityApiRef, options.securityApi],
        mockApis.permission({
          authorize: request =>
            ((options.allowed ?? []).includes(request.permission.name)
              ? 'ALLOW'
              : 'DENY') as any,
        }),
      ],
      mountedRoutes: {
        '/security': securityRouteRef,
        '/security/findings/:id': findingRouteRef,
      } as unknown as MountedRoutes,
      mountPath: options.mountPath,
      initialRouteEntries: options.url ? [options.url] : undefined,
    },
  );
}
