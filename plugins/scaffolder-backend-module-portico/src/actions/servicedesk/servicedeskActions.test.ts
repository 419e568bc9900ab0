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
