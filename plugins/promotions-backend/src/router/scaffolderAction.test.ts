import type { AddressInfo } from 'net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  createPromotionRequestApproveAction,
  createPromotionRequestCreateAction,
  PromotionsClient,
} from '@portico/plugin-scaffolder-backend-module-portico';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  PromotionsTestBackend,
  startPromotionsTestBackend,
  VALID_REQUEST,
} from '../__testUtils__/promotionsTestBackend';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();

/**
 * The scaffolder actions against the real promotions backend: the same rules as REST, whoever
 * runs the template. Bob (cpi-tenant-acme) may approve acme requests, but not one he filed
 * through a template himself.
 */
describe.each(databases.eachSupportedId())('promotions scaffolder actions on %p', databaseId => {
  let backend: PromotionsTestBackend;
  let create: ReturnType<typeof createPromotionRequestCreateAction>;
  let approve: ReturnType<typeof createPromotionRequestApproveAction>;

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId);
    const port = (backend.server.address() as AddressInfo).port;
    const client = new PromotionsClient({
      discovery: mockServices.discovery.mock({ getBaseUrl: async id => `http://localhost:${port}/api/${id}` }),
      auth: mockServices.auth(),
    });
    create = createPromotionRequestCreateAction({ client });
    approve = createPromotionRequestApproveAction({ client });
  });
  afterAll(async () => {
    await backend?.stop();
  });

  const runAs = (user: string, input: Record<string, unknown>) => {
    const ctx = {
      ...createMockActionContext({ input: input as JsonObject }),
      isDryRun: false,
      getInitiatorCredentials: async () => mockCredentials.user(`user:default/${user}`),
    } as any;
    return ctx;
  };

  it('refuses the requester approving their own request through the action, and lets another approver', async () => {
    const filed = runAs('bob', { ...VALID_REQUEST, version: '9.0.0' });
    await create.handler(filed);
    const requestId = filed.output.mock.calls.find((c: unknown[]) => c[0] === 'requestId')[1];
    expect(filed.output).toHaveBeenCalledWith('tenant', 'acme');
    expect(filed.output).toHaveBeenCalledWith('state', 'PENDING');

    await expect(approve.handler(runAs('bob', { requestId }))).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('You requested this promotion'),
    });
    // A devops of the tenant holds no approval permission at all.
    await expect(approve.handler(runAs('alice', { requestId }))).rejects.toMatchObject({ name: 'NotAllowedError' });

    const decided = runAs('carol', { requestId, comment: 'ok' });
    await approve.handler(decided);
    expect(decided.output).toHaveBeenCalledWith('state', 'DEPLOYING');
  });

  it("refuses a devops filing a request for another tenant's component", async () => {
    await expect(create.handler(runAs('dave', { ...VALID_REQUEST, version: '9.0.1' }))).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining("tenant 'acme'"),
    });
  });
});
