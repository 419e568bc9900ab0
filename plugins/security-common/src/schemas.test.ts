import { describeZodError } from '@portico/plugin-portico-common';
import {
  falcoEventSchema,
  listFindingsQuerySchema,
  riskRequestSchema,
  trivyReportSchema,
} from './schemas';
import { nextState, triageActionsFrom } from './stateMachine';

const report = {
  SchemaVersion: 2,
  ArtifactName: 'ghcr.io/acme/payments-gateway:1.4.2',
  ArtifactType: 'container_image',
  Metadata: {
    ImageID: 'sha256:aa',
    RepoDigests: ['ghcr.io/acme/payments-gateway@sha256:bb'],
  },
  Results: [
    {
      Target: 'ghcr.io/acme/payments-gateway:1.4.2 (alpine 3.19.1)',
      Class: 'os-pkgs',
      Type: 'alpine',
      Vulnerabilities: [
        {
          VulnerabilityID: 'CVE-2024-0727',
          PkgName: 'libcrypto3',
          InstalledVersion: '3.1.4-r2',
          FixedVersion: '3.1.4-r5',
          Severity: 'MEDIUM',
          CVSS: { nvd: { V3Score: 5.5 } },
          Description: 'x'.repeat(20_000),
        },
      ],
    },
  ],
};

describe('trivyReportSchema', () => {
  it('reads a real-shaped report and bounds long texts', () => {
    const parsed = trivyReportSchema.parse(report);
    expect(parsed.Results![0].Vulnerabilities![0].Description).toHaveLength(
      8000,
    );
  });

  it('names the JSON path of what is wrong', () => {
    const bad = structuredClone(report);
    (bad.Results[0].Vulnerabilities[0] as any).Severity = 'SEVERE';
    const result = trivyReportSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(describeZodError(result.error!)).toMatch(
      /^Results\.0\.Vulnerabilities\.0\.Severity: /,
    );
  });

  it('refuses another schema version', () => {
    const result = trivyReportSchema.safeParse({ ...report, SchemaVersion: 1 });
    expect(describeZodError(result.error!)).toMatch(/^SchemaVersion: /);
  });
});

describe('falcoEventSchema', () => {
  it('takes Falcosidekick payloads and refuses an unknown priority', () => {
    const event = {
      uuid: '0b7c1c4e-6f7a-4c59-8d5b-7b1f3c1e2a11',
      output: '12:00:00 Critical Terminal shell in container',
      priority: 'Critical',
      rule: 'Terminal shell in container',
      time: '2026-12-05T12:00:00.123456789Z',
      output_fields: {
        'container.id': 'abc',
        'proc.cmdline': 'sh',
        'evt.time': 1733400000,
      },
      tags: ['container', 'shell'],
    };
    expect(falcoEventSchema.parse(event).rule).toBe(
      'Terminal shell in container',
    );
    const result = falcoEventSchema.safeParse({
      ...event,
      priority: 'critical',
    });
    expect(describeZodError(result.error!)).toMatch(/^priority: /);
  });
});

describe('listFindingsQuerySchema', () => {
  it('takes comma lists and repeated parameters, and bounds the page', () => {
    expect(
      listFindingsQuerySchema.parse({ severity: 'critical,high' }).severity,
    ).toEqual(['critical', 'high']);
    expect(
      listFindingsQuerySchema.parse({ state: ['open', 'fixed'] }).state,
    ).toEqual(['open', 'fixed']);
    expect(listFindingsQuerySchema.safeParse({ limit: '500' }).success).toBe(
      false,
    );
    expect(
      describeZodError(
        listFindingsQuerySchema.safeParse({ severity: 'bad' }).error!,
      ),
    ).toMatch(/^severity/);
  });
});

describe('riskRequestSchema', () => {
  it('needs a justification and a future expiry', () => {
    expect(
      riskRequestSchema.safeParse({
        kind: 'risk_accepted',
        justification: 'short',
        expiresAt: '2099-01-01T00:00:00Z',
      }).success,
    ).toBe(false);
    const past = riskRequestSchema.safeParse({
      kind: 'risk_accepted',
      justification: 'not reachable from outside the VPC',
      expiresAt: '2001-01-01T00:00:00Z',
    });
    expect(describeZodError(past.error!)).toMatch(
      /^expiresAt: must be in the future/,
    );
  });
});

describe('the triage table', () => {
  it('allows what the table says and nothing else', () => {
    expect(nextState('open', 'acknowledge')).toBe('acknowledged');
    expect(nextState('fixed', 'acknowledge')).toBeUndefined();
    expect(nextState('risk_accepted', 'expire')).toBe('open');
    expect(nextState('fixed', 'regress')).toBe('open');
    expect(triageActionsFrom('open')).toEqual(['acknowledge', 'start']);
    expect(triageActionsFrom('fixed')).toEqual([]);
  });
});
