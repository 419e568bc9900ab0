import {
  registerMswTestHooks,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { errorResponse } from '../../__testUtils__/apim';
import { createPromotionRequestCreateAction } from './createPromotionRequest';
import { createPromotionAttemptVerifyAction } from './verifyAttempt';
import { createPromotionExamples } from './examples';
import { PromotionsClient } from './PromotionsClient';
import { DRY_RUN_ID } from '../apim/validation';

const baseUrl = 'http://localhost:7007/api/promotions';
const alice = mockCredentials.user('user:default/alice');
const aliceToPromotions = mockCredentials.service.token({
  onBehalfOf: alice,
  targetPluginId: 'promotions',
});
const requestId = '6f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d';

const client = new PromotionsClient({
  discovery: mockServices.discovery.mock({
    getBaseUrl: async id => `http://localhost:7007/api/${id}`,
  }),
  auth: mockServices.auth(),
});
const createAction = createPromotionRequestCreateAction({ client });
const verifyAction = createPromotionAttemptVerifyAction({ client });

/** A context whose template user is alice. */
function context(actionInput: Record<string, unknown>, isDryRun = false) {
  return {
    ...createMockActionContext({ input: actionInput as JsonObject }),
    isDryRun,
    getInitiatorCredentials: async () => alice,
  } as any;
}

const input = createPromotionExamples[0].steps[0].input as Record<
  string,
  string
>;

describe('promotions:request:create', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('files the request as the template user and outputs its id, state and tenant', async () => {
    let received: { body: unknown; authorization: string | null } | undefined;
    server.use(
      http.post(`${baseUrl}/requests`, async ({ request }) => {
        received = {
          body: await request.json(),
          authorization: request.headers.get('authorization'),
        };
        return HttpResponse.json(
          {
            id: requestId,
            state: 'PENDING',
            tenant: 'acme',
            toEnvironment: 'PROD',
          },
          { status: 201 },
        );
      }),
    );
    const ctx = context(input);
    await createAction.handler(ctx);
    expect(received).toEqual({
      body: {
        componentRef: 'component:default/payments-gateway',
        version: '1.4.2',
        gitRef: 'v1.4.2',
        justification: input.justification,
        rollbackPlan: input.rollbackPlan,
      },
      authorization: `Bearer ${aliceToPromotions}`,
    });
    expect(ctx.output).toHaveBeenCalledWith('requestId', requestId);
    expect(ctx.output).toHaveBeenCalledWith('state', 'PENDING');
    expect(ctx.output).toHaveBeenCalledWith('tenant', 'acme');
    expect(ctx.output).toHaveBeenCalledWith('url', `/promotions/${requestId}`);
  });

  it('refuses bad input before calling the backend, naming the field', async () => {
    const ctx = context({
      ...input,
      changeWindowStart: '2026-12-01T22:00:00Z',
      changeWindowEnd: '2026-12-01T20:00:00Z',
    });
    await expect(createAction.handler(ctx)).rejects.toThrow(
      'changeWindowEnd: must end after it starts',
    );
    const short = context({ ...input, justification: 'because' });
    await expect(createAction.handler(short)).rejects.toThrow('justification');
  });

  it("keeps the server's refusal: a devops of another tenant gets a NotAllowedError", async () => {
    server.use(
      http.post(`${baseUrl}/requests`, () =>
        errorResponse(
          'NotAllowedError',
          "Only DevOps or approvers of tenant 'acme' can request promotions",
          403,
        ),
      ),
    );
    const ctx = context(input);
    await expect(createAction.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining("tenant 'acme'"),
    });
  });

  it('does not call the backend in a dry run', async () => {
    const ctx = context(input, true);
    await createAction.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('requestId', DRY_RUN_ID);
  });
});

describe('promotions:attempt:verify', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const attemptId = '0b7e1c2d-3f4a-4b5c-8d6e-7f8091a2b3c4';
  const claim = {
    requestId,
    attemptId,
    componentRef: 'component:default/payments-gateway',
    version: '1.4.2',
    toEnvironment: 'PROD',
  };

  it("asks the promotions backend as the task's initiator, with the task's id", async () => {
    let seen: { authorization: string | null; body: unknown } | undefined;
    server.use(
      http.post(`${baseUrl}/attempts/${attemptId}/verify`, async ({ request }) => {
        seen = { authorization: request.headers.get('authorization'), body: await request.json() };
        return HttpResponse.json({ ...claim, attempt: 1, taskId: 'x' });
      }),
    );
    const promotionsPlugin = mockCredentials.service('plugin:promotions');
    const ctx = { ...context(claim), getInitiatorCredentials: async () => promotionsPlugin };
    await verifyAction.handler(ctx);
    expect(seen).toEqual({
      authorization: `Bearer ${mockCredentials.service.token({ onBehalfOf: promotionsPlugin, targetPluginId: 'promotions' })}`,
      body: { requestId, taskId: ctx.task.id, componentRef: claim.componentRef, version: '1.4.2', toEnvironment: 'PROD' },
    });
    expect(ctx.output).toHaveBeenCalledWith('attempt', 1);
  });

  it('stops the task with the refusal of the backend (a user-run task)', async () => {
    server.use(
      http.post(`${baseUrl}/attempts/${attemptId}/verify`, () =>
        errorResponse('NotAllowedError', 'accepts only the services named', 403),
      ),
    );
    await expect(verifyAction.handler(context(claim))).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('refuses a malformed id without calling', async () => {
    await expect(verifyAction.handler(context({ ...claim, attemptId: 'nope' }))).rejects.toThrow('attemptId');
  });
});
