import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createFileIncidentAction } from './fileIncident';
import { createRequireIntegrationAction } from './requireIntegration';

describe('servicedesk:incident:file', () => {
  it('files the incident with its severity and routes high ones to SRE', async () => {
    const ctx = createMockActionContext({
      input: { ticketId: 'SD-000042', severity: 'high', affectedService: 'checkout', title: 'Checkout returns 502' },
    });
    await createFileIncidentAction().handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('incidentId', 'INC-000042');
    expect(ctx.output).toHaveBeenCalledWith('onCallGroup', 'group:default/sre');
    expect(ctx.output).toHaveBeenCalledWith('notificationSeverity', 'high');
    expect(ctx.output).toHaveBeenCalledWith('summary', expect.stringContaining('severity high for checkout'));
  });

  it('routes low ones to the service desk agents', async () => {
    const ctx = createMockActionContext({
      input: { ticketId: 'SD-000043', severity: 'low', affectedService: 'wiki', title: 'Typo on the home page' },
    });
    await createFileIncidentAction().handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('onCallGroup', 'group:default/servicedesk-agents');
  });
});

describe('servicedesk:integration:require', () => {
  const input = { integration: 'Microsoft Graph', configKey: 'portico.integrations.microsoftGraph' };

  it('fails with a clear "not configured" message when the config is absent', async () => {
    const action = createRequireIntegrationAction({ config: new ConfigReader({}) });
    await expect(action.handler(createMockActionContext({ input }) as any)).rejects.toThrow(
      'Microsoft Graph is not configured (no portico.integrations.microsoftGraph in app-config)',
    );
  });

  it('passes when it is configured', async () => {
    const config = new ConfigReader({ portico: { integrations: { microsoftGraph: { tenantId: 't' } } } });
    const action = createRequireIntegrationAction({ config });
    await expect(action.handler(createMockActionContext({ input }) as any)).resolves.toBeUndefined();
  });
});

describe('servicedesk:incident:file without a ticket', () => {
  it('files a real incident_report ticket as the template user, once per task', async () => {
    const fileRequest = jest.fn(async () => ({ ticketId: 'SD-000777', status: 'in_progress' }));
    const action = createFileIncidentAction({ client: { fileRequest } as any });
    const state = new Map<string, unknown>();
    const run = async () => {
      const ctx = createMockActionContext({
        input: { severity: 'critical', affectedService: 'payments-gateway', title: 'Trivy: critical CVE in the image', description: 'CVE-2026-0001' },
      });
      (ctx as any).checkpoint = async (opts: { key: string; fn: () => Promise<unknown> }) => {
        if (!state.has(opts.key)) state.set(opts.key, await opts.fn());
        return state.get(opts.key);
      };
      await action.handler(ctx as any);
      return ctx;
    };
    const ctx = await run();
    await run();
    expect(fileRequest).toHaveBeenCalledTimes(1);
    expect(fileRequest).toHaveBeenCalledWith(
      {
        service: 'incident_report',
        title: 'Trivy: critical CVE in the image',
        description: 'CVE-2026-0001',
        priority: 'critical',
        formData: { severity: 'critical', affectedService: 'payments-gateway' },
      },
      expect.objectContaining({ credentials: expect.anything() }),
    );
    expect(ctx.output).toHaveBeenCalledWith('ticketId', 'SD-000777');
    expect(ctx.output).toHaveBeenCalledWith('incidentId', 'INC-000777');
    expect(ctx.output).toHaveBeenCalledWith('url', '/servicedesk/requests/SD-000777');
  });

  it('routes an existing ticket without filing another', async () => {
    const fileRequest = jest.fn();
    const ctx = createMockActionContext({
      input: { ticketId: 'SD-000042', severity: 'high', affectedService: 'checkout', title: 'Checkout returns 502' },
    });
    await createFileIncidentAction({ client: { fileRequest } as any }).handler(ctx as any);
    expect(fileRequest).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('ticketId', 'SD-000042');
  });
});
