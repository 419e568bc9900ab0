import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { errorResponse } from '../../__testUtils__/apim';
import { createSecurityTrivyIngestAction } from './ingestTrivy';
import { SecurityClient } from './SecurityClient';

const securityBaseUrl = 'http://localhost:7007/api/security';
const alice = mockCredentials.user('user:default/alice');
const aliceToSecurity = mockCredentials.service.token({
  onBehalfOf: alice,
  targetPluginId: 'security',
});

const counts = (critical = 0, high = 0) => ({
  critical,
  high,
  medium: 0,
  low: 0,
  unknown: 0,
});

const REPORT = {
  SchemaVersion: 2,
  ArtifactName: 'ghcr.io/acme/payments-gateway:1.4.2',
  ArtifactType: 'container_image',
  Results: [
    {
      Target: 'ghcr.io/acme/payments-gateway:1.4.2 (alpine 3.19.1)',
      Class: 'os-pkgs',
      Type: 'alpine',
      Vulnerabilities: [
        {
          VulnerabilityID: 'CVE-2023-5363',
          PkgName: 'libcrypto3',
          InstalledVersion: '3.1.4-r2',
          FixedVersion: '3.1.4-r1',
          Severity: 'CRITICAL',
        },
      ],
    },
  ],
};

describe('security:trivy:ingest', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let workspacePath: string;

  beforeEach(async () => {
    workspacePath = await fs.mkdtemp(path.join(os.tmpdir(), 'workspace-'));
    await fs.writeFile(
      path.join(workspacePath, 'trivy-report.json'),
      JSON.stringify(REPORT),
    );
  });
  afterEach(async () => {
    await fs.rm(workspacePath, { recursive: true, force: true });
  });

  function setup(input: Record<string, unknown>, isDryRun = false) {
    const client = new SecurityClient({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async pluginId => `http://localhost:7007/api/${pluginId}`,
      }),
      auth: mockServices.auth(),
    });
    const action = createSecurityTrivyIngestAction({ client });
    // createMockActionContext keeps only some of its options; these are set on its result.
    const ctx = {
      ...createMockActionContext({ input: input as any, workspacePath }),
      workspacePath,
      isDryRun,
      getInitiatorCredentials: async () => alice,
    };
    return { action, ctx };
  }

  it('posts the workspace file as the template user and outputs what changed', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${securityBaseUrl}/reports/trivy`, async ({ request }) => {
        expect(request.headers.get('authorization')).toBe(
          `Bearer ${aliceToSecurity}`,
        );
        bodies.push(await request.json());
        return HttpResponse.json(
          {
            scanId: 'scan-1',
            duplicate: false,
            artifact: REPORT.ArtifactName,
            componentRef: 'component:default/payments-gateway',
            opened: counts(1),
            seenAgain: counts(),
            reopened: counts(),
            fixed: counts(0, 2),
          },
          { status: 201 },
        );
      }),
    );
    const { action, ctx } = setup({ reportPath: './trivy-report.json' });
    await action.handler(ctx as any);
    expect(bodies).toEqual([REPORT]);
    expect(ctx.output).toHaveBeenCalledWith('scanId', 'scan-1');
    expect(ctx.output).toHaveBeenCalledWith(
      'componentRef',
      'component:default/payments-gateway',
    );
    expect(ctx.output).toHaveBeenCalledWith('opened', 1);
    expect(ctx.output).toHaveBeenCalledWith('fixed', 2);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'Scan scan-1 of ghcr.io/acme/payments-gateway:1.4.2: opened 1 critical; fixed 2 high; reopened none',
    );
  });

  it('takes the report as input too, and keeps the server’s refusal', async () => {
    server.use(
      http.post(`${securityBaseUrl}/reports/trivy`, () =>
        errorResponse(
          'NotAllowedError',
          'You need the security.report.ingest permission',
          403,
        ),
      ),
    );
    const { action, ctx } = setup({ report: REPORT });
    await expect(action.handler(ctx as any)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'Could not ingest the Trivy report: You need the security.report.ingest permission',
    });
  });

  it('dry run: checks the report and calls nobody', async () => {
    const { action, ctx } = setup({ reportPath: 'trivy-report.json' }, true);
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith(
      'summary',
      'Dry run: would ingest the Trivy report of ghcr.io/acme/payments-gateway:1.4.2 (1 findings)',
    );
  });

  it.each([
    [{}, /^reportPath or report: give exactly one/],
    [
      { reportPath: 'trivy-report.json', report: REPORT },
      /^reportPath or report/,
    ],
    [{ reportPath: '../../etc/passwd' }, /^reportPath: .* outside/],
    [{ reportPath: 'missing.json' }, /^reportPath: no file missing\.json/],
    [
      { report: { ...REPORT, SchemaVersion: 1 } },
      /^report: not a Trivy JSON report: SchemaVersion/,
    ],
  ])('refuses %p before any call', async (input, message) => {
    const { action, ctx } = setup(input, true);
    await expect(action.handler(ctx as any)).rejects.toThrow(message);
  });

  it('says what is wrong in a file that is not JSON', async () => {
    await fs.writeFile(path.join(workspacePath, 'broken.json'), '{"Schema');
    const { action, ctx } = setup({ reportPath: 'broken.json' });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /^reportPath: broken\.json is not JSON/,
    );
  });
});
