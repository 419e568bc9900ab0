import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type {
  Application,
  Page,
  Subscription,
  SubscriptionState,
} from '@portico/plugin-apim-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  alice,
  aliceToApimToken,
  apimBaseUrl,
  createTestClient,
  errorResponse,
} from '../../__testUtils__/apim';
import { createApimSubscriptionCreateAction } from './createSubscription';
import { DRY_RUN_ID } from './validation';

const applicationId = '3f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d';
const subscriptionId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function subscription(
  state: SubscriptionState,
  overrides: Partial<Subscription> = {},
): Subscription {
  return {
    id: subscriptionId,
    applicationId,
    applicationName: 'checkout-web',
    applicationOwner: 'group:default/devops-acme',
    apiRef: 'api:default/payments-api',
    plan: 'free',
    environment: 'sandbox',
    state,
    requestedBy: 'user:default/alice',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    history: [],
    ...overrides,
  };
}

function application(id: string, name: string, owner: string): Application {
  return {
    id,
    name,
    owner,
    environments: ['sandbox'],
    createdBy: 'user:default/alice',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

type Input = {
  applicationId?: string;
  applicationName?: string;
  owner?: string;
  apiRef: string;
  plan: string;
  environment: 'sandbox' | 'staging' | 'production';
};

const byId: Input = {
  applicationId,
  apiRef: 'api:default/payments-api',
  plan: 'free',
  environment: 'sandbox',
};

const byName: Input = {
  applicationName: 'checkout-web',
  owner: 'group:default/devops-acme',
  apiRef: 'api:default/payments-api',
  plan: 'gold',
  environment: 'production',
};

describe('apim:subscription:create', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function setup(input: Record<string, unknown>, isDryRun = false) {
    const { client } = createTestClient();
    const action = createApimSubscriptionCreateAction({ client });
    // createMockActionContext keeps only some of its options; these two are set on its result.
    const ctx = {
      ...createMockActionContext({ input: input as Input }),
      isDryRun,
      getInitiatorCredentials: async () => alice,
    };
    return { action, ctx };
  }

  it("subscribes by application id as the template user; an auto plan is 'active'", async () => {
    let received: { body: unknown; authorization: string | null } | undefined;
    server.use(
      http.post(`${apimBaseUrl}/subscriptions`, async ({ request }) => {
        received = {
          body: await request.json(),
          authorization: request.headers.get('authorization'),
        };
        return HttpResponse.json(subscription('active'), { status: 201 });
      }),
    );
    const { action, ctx } = setup(byId);

    await action.handler(ctx);

    expect(received).toEqual({
      body: {
        applicationId,
        apiRef: 'api:default/payments-api',
        plan: 'free',
        environment: 'sandbox',
      },
      authorization: `Bearer ${aliceToApimToken}`,
    });
    expect(ctx.output).toHaveBeenCalledWith('subscriptionId', subscriptionId);
    expect(ctx.output).toHaveBeenCalledWith('state', 'active');
    expect(ctx.output).toHaveBeenCalledWith('applicationId', applicationId);
  });

  it("finds the application by name among its owner's, then subscribes; a manual plan is 'pending'", async () => {
    const lookups: URLSearchParams[] = [];
    const authorizations: Array<string | null> = [];
    let body: unknown;
    const otherId = '11111111-2222-4333-8444-555555555555';
    server.use(
      http.get(`${apimBaseUrl}/applications`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        lookups.push(query);
        authorizations.push(request.headers.get('authorization'));
        // Two pages, the application on the second, to show the lookup follows pagination.
        const page: Page<Application> =
          query.get('offset') === '0'
            ? {
                items: [
                  application(
                    otherId,
                    'billing-batch',
                    'group:default/devops-acme',
                  ),
                ],
                totalCount: 101,
                limit: 100,
                offset: 0,
              }
            : {
                items: [
                  application(
                    applicationId,
                    'checkout-web',
                    'group:default/devops-acme',
                  ),
                ],
                totalCount: 101,
                limit: 100,
                offset: 100,
              };
        return HttpResponse.json(page);
      }),
      http.post(`${apimBaseUrl}/subscriptions`, async ({ request }) => {
        body = await request.json();
        authorizations.push(request.headers.get('authorization'));
        return HttpResponse.json(
          subscription('pending', { plan: 'gold', environment: 'production' }),
          { status: 201 },
        );
      }),
    );
    const { action, ctx } = setup(byName);

    await action.handler(ctx);

    expect(lookups.map(q => Object.fromEntries(q))).toEqual([
      { owner: 'group:default/devops-acme', limit: '100', offset: '0' },
      { owner: 'group:default/devops-acme', limit: '100', offset: '100' },
    ]);
    expect(body).toEqual({
      applicationId,
      apiRef: 'api:default/payments-api',
      plan: 'gold',
      environment: 'production',
    });
    expect(authorizations).toEqual(Array(3).fill(`Bearer ${aliceToApimToken}`));
    expect(ctx.output).toHaveBeenCalledWith('subscriptionId', subscriptionId);
    expect(ctx.output).toHaveBeenCalledWith('state', 'pending');
    expect(ctx.output).toHaveBeenCalledWith('applicationId', applicationId);
  });

  it('accepts a short owner ref and matches it to the full one', async () => {
    server.use(
      http.get(`${apimBaseUrl}/applications`, () =>
        HttpResponse.json({
          items: [
            application(
              applicationId,
              'checkout-web',
              'group:default/devops-acme',
            ),
          ],
          totalCount: 1,
          limit: 100,
          offset: 0,
        }),
      ),
      http.post(`${apimBaseUrl}/subscriptions`, () =>
        HttpResponse.json(subscription('pending'), { status: 201 }),
      ),
    );
    const { action, ctx } = setup({ ...byName, owner: 'devops-acme' });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('applicationId', applicationId);
  });

  it('says which application it could not find, without subscribing', async () => {
    server.use(
      http.get(`${apimBaseUrl}/applications`, () =>
        HttpResponse.json({ items: [], totalCount: 0, limit: 100, offset: 0 }),
      ),
    );
    const { action, ctx } = setup(byName);

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        "applicationName: no application named 'checkout-web' is owned by group:default/devops-acme, or you may not see it",
    });
  });

  it("surfaces the server's 403 with the server's message", async () => {
    server.use(
      http.post(`${apimBaseUrl}/subscriptions`, () =>
        errorResponse(
          'NotAllowedError',
          'applicationId: you are not a member of group:default/devops-globex, the owner of this application',
          403,
        ),
      ),
    );
    const { action, ctx } = setup(byId);

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `Could not subscribe application ${applicationId} to api:default/payments-api (plan free, sandbox): applicationId: you are not a member of group:default/devops-globex, the owner of this application`,
    });
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it("surfaces the server's 400 for a plan the API does not offer", async () => {
    server.use(
      http.post(`${apimBaseUrl}/subscriptions`, () =>
        errorResponse(
          'InputError',
          "plan: api:default/payments-api has no plan 'platinum'",
          400,
        ),
      ),
    );
    const { action, ctx } = setup({ ...byId, plan: 'platinum' });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /: plan: api:default\/payments-api has no plan 'platinum'$/,
      ),
    });
  });

  it.each([
    [{ applicationId: 'not-a-uuid' }, /^applicationId: /],
    [{ apiRef: 'component:default/shop' }, /^apiRef: must be a api entity ref/],
    [{ plan: 'Gold Plan' }, /^plan: /],
    [{ environment: 'qa' }, /^environment: /],
    [
      { applicationName: 'checkout-web' },
      /^applicationId: give either applicationId, or applicationName with owner, not both$/,
    ],
  ])(
    'refuses %j with a 400 that names the field',
    async (override, message) => {
      const { action, ctx } = setup({ ...byId, ...override });

      await expect(action.handler(ctx)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
    },
  );

  it.each([
    [
      'without applicationName',
      { applicationName: undefined },
      /^applicationId: required; give either applicationId, or applicationName with owner$/,
    ],
    [
      'without owner',
      { owner: undefined },
      /^owner: required with applicationName/,
    ],
    [
      'with a malformed name',
      { applicationName: 'Checkout Web' },
      /^applicationName: lowercase letters, digits and dashes$/,
    ],
    [
      'with a user as owner',
      { owner: 'user:default/alice' },
      /^owner: must be a group entity ref/,
    ],
  ])(
    'refuses the by-name form %s, naming the field',
    async (_case, override, message) => {
      const { action, ctx } = setup({ ...byName, ...override });

      await expect(action.handler(ctx)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
    },
  );

  it.each([
    ['by id', byId, applicationId],
    ['by name', byName, DRY_RUN_ID],
  ])(
    'in a dry run (%s) validates, outputs placeholders and calls nothing',
    async (_form, input, expectedApplicationId) => {
      const calls: string[] = [];
      server.use(
        http.all('*', ({ request }) => {
          calls.push(request.url);
          return HttpResponse.json({}, { status: 500 });
        }),
      );
      const { action, ctx } = setup(input, true);
      const info = jest.spyOn(ctx.logger, 'info');

      await action.handler(ctx);

      expect(calls).toEqual([]);
      expect(ctx.output).toHaveBeenCalledWith('subscriptionId', DRY_RUN_ID);
      expect(ctx.output).toHaveBeenCalledWith('state', 'pending');
      expect(ctx.output).toHaveBeenCalledWith(
        'applicationId',
        expectedApplicationId,
      );
      expect(info).toHaveBeenCalledWith(expect.stringMatching(/^Dry run: /));
    },
  );

  it('in a dry run still refuses bad input', async () => {
    const { action, ctx } = setup({ ...byId, plan: 'Gold Plan' }, true);

    await expect(action.handler(ctx)).rejects.toThrow(/^plan: /);
  });
});
