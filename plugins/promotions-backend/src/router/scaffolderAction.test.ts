import type { AddressInfo } from 'net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import * as actionsModule from '@portico/plugin-scaffolder-backend-module-portico';
import {
  createPromotionAttemptVerifyAction,
  createPromotionRequestCreateAction,
  PromotionsClient,
} from '@portico/plugin-scaffolder-backend-module-portico';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import request from 'supertest';
import {
  PromotionsTestBackend,
  auth,
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
  let verify: ReturnType<typeof createPromotionAttemptVerifyAction>;

  beforeAll(async () => {
    backend = await startPromotionsTestBackend(databases, databaseId);
    const port = (backend.server.address() as AddressInfo).port;
    const client = new PromotionsClient({
      discovery: mockServices.discovery.mock({ getBaseUrl: async id => `http://localhost:${port}/api/${id}` }),
      auth: mockServices.auth(),
    });
    create = createPromotionRequestCreateAction({ client });
    verify = createPromotionAttemptVerifyAction({ client });
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

  const runByService = (taskId: string, input: Record<string, unknown>) => ({
    ...createMockActionContext({ input: input as JsonObject }),
    isDryRun: false,
    task: { id: taskId },
    getInitiatorCredentials: async () => mockCredentials.service('plugin:promotions'),
  }) as any;

  it('offers no action that approves: an approval is an explicit act in the portal or REST', async () => {
    expect(Object.keys(actionsModule).filter(name => /approve/i.test(name))).toEqual([]);
  });

  it('lets the deployment run only in a task the plugin started, for the approved attempt, in one task', async () => {
    const filed = runAs('alice', { ...VALID_REQUEST, version: '9.0.0' });
    await create.handler(filed);
    const requestId = filed.output.mock.calls.find((c: unknown[]) => c[0] === 'requestId')[1];
    const approved = await request(backend.server)
      .post(`/api/promotions/requests/${requestId}/approve`)
      .set('Authorization', auth('bob'))
      .send({})
      .expect(200);
    const attemptId = approved.body.attempts[0].id;
    const claim = { requestId, attemptId, componentRef: VALID_REQUEST.componentRef, version: '9.0.0', toEnvironment: 'PROD' };

    // A user who runs the template (even an approver) is refused, and the refusal is audited.
    await expect(verify.handler({ ...runAs('carol', claim), task: { id: 'task-user' } })).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(backend.audits).toContainEqual(
      expect.objectContaining({ eventId: 'service-caller-refused', meta: expect.objectContaining({ caller: 'user:default/carol' }) }),
    );
    // Not what was approved.
    await expect(verify.handler(runByService('task-1', { ...claim, version: '9.9.9' }))).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining("version is '9.9.9', approved '9.0.0'"),
    });
    const first = runByService('task-1', claim);
    await verify.handler(first);
    expect(first.output).toHaveBeenCalledWith('attempt', 1);
    await verify.handler(runByService('task-1', claim));
    // A second task for the same attempt (a crash between starting and bookkeeping) stops here.
    await expect(verify.handler(runByService('task-2', claim))).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('is run by task task-1'),
    });
    const details = await request(backend.server).get(`/api/promotions/requests/${requestId}`).set('Authorization', auth('bob')).expect(200);
    expect(details.body.attempts[0].taskId).toBe('task-1');
  });

  it("refuses a devops filing a request for another tenant's component", async () => {
    await expect(create.handler(runAs('dave', { ...VALID_REQUEST, version: '9.0.1' }))).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining("tenant 'acme'"),
    });
  });
});
