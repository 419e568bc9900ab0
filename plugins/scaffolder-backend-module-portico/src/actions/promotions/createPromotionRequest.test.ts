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
import { createPromotionRequestApproveAction } from './approvePromotionRequest';
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
const approveAction = createPromotionRequestApproveAction({ client });

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

describe('promotions:request:approve', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('approves as the template user', async () => {
    let authorization: string | null = null;
    server.use(
      http.post(`${baseUrl}/requests/${requestId}/approve`, ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ id: requestId, state: 'DEPLOYING' });
      }),
    );
    const ctx = context({ requestId, comment: 'ok' });
    await approveAction.handler(ctx);
    expect(authorization).toBe(`Bearer ${aliceToPromotions}`);
    expect(ctx.output).toHaveBeenCalledWith('state', 'DEPLOYING');
  });

  it('refuses a malformed id without calling', async () => {
    const ctx = context({ requestId: 'nope' });
    await expect(approveAction.handler(ctx)).rejects.toThrow('requestId');
  });
});
