import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { Application } from '@portico/plugin-apim-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  alice,
  aliceToApimToken,
  apimBaseUrl,
  createTestClient,
  errorResponse,
} from '../../__testUtils__/apim';
import { createApimApplicationCreateAction } from './createApplication';
import { DRY_RUN_ID } from './validation';

const applicationId = '3f1c2a9e-7b4d-4e8a-9c21-5d6f7a8b9c0d';

function application(overrides: Partial<Application> = {}): Application {
  return {
    id: applicationId,
    name: 'checkout-web',
    description: 'The storefront checkout',
    owner: 'group:default/devops-acme',
    environments: ['sandbox', 'staging'],
    createdBy: 'user:default/alice',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const validInput = {
  name: 'checkout-web',
  description: 'The storefront checkout',
  owner: 'group:default/devops-acme',
  environments: ['sandbox', 'staging'] as Array<
    'sandbox' | 'staging' | 'production'
  >,
};

describe('apim:application:create', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function setup(
    input: Record<string, unknown> = validInput,
    isDryRun = false,
  ) {
    const { client, discovery } = createTestClient();
    const action = createApimApplicationCreateAction({ client });
    // createMockActionContext keeps only some of its options; these two are set on its result.
    const ctx = {
      ...createMockActionContext({ input: input as typeof validInput }),
      isDryRun,
      getInitiatorCredentials: async () => alice,
    };
    return { action, ctx, discovery };
  }

  it('creates the application as the template user and outputs its id and name', async () => {
    let received: { body: unknown; authorization: string | null } | undefined;
    server.use(
      http.post(`${apimBaseUrl}/applications`, async ({ request }) => {
        received = {
          body: await request.json(),
          authorization: request.headers.get('authorization'),
        };
        return HttpResponse.json(application(), { status: 201 });
      }),
    );
    const { action, ctx, discovery } = setup();

    await action.handler(ctx);

    expect(discovery.getBaseUrl).toHaveBeenCalledWith('apim');
    expect(received).toEqual({
      body: {
        name: 'checkout-web',
        description: 'The storefront checkout',
        owner: 'group:default/devops-acme',
        environments: ['sandbox', 'staging'],
      },
      authorization: `Bearer ${aliceToApimToken}`,
    });
    expect(ctx.output).toHaveBeenCalledWith('applicationId', applicationId);
    expect(ctx.output).toHaveBeenCalledWith('name', 'checkout-web');
  });

  it('sends what the schema normalises: trimmed name, no empty description', async () => {
    let body: unknown;
    server.use(
      http.post(`${apimBaseUrl}/applications`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(application(), { status: 201 });
      }),
    );
    const { action, ctx } = setup({
      ...validInput,
      name: '  checkout-web ',
      description: '',
    });

    await action.handler(ctx);

    expect(body).toEqual({
      name: 'checkout-web',
      owner: 'group:default/devops-acme',
      environments: ['sandbox', 'staging'],
    });
  });

  it("surfaces the server's 403 with the server's message", async () => {
    server.use(
      http.post(`${apimBaseUrl}/applications`, () =>
        errorResponse(
          'NotAllowedError',
          'owner: you are not a member of group:default/devops-globex',
          403,
        ),
      ),
    );
    const { action, ctx } = setup({
      ...validInput,
      owner: 'group:default/devops-globex',
    });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        "Could not create application 'checkout-web': owner: you are not a member of group:default/devops-globex",
    });
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it("surfaces the server's 409 (a duplicate name) as a ConflictError", async () => {
    server.use(
      http.post(`${apimBaseUrl}/applications`, () =>
        errorResponse(
          'ConflictError',
          "name: group:default/devops-acme already has an application named 'checkout-web'",
          409,
        ),
      ),
    );
    const { action, ctx } = setup();

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('already has an application named'),
    });
  });

  it('says the backend could not be reached when the call fails on the network', async () => {
    server.use(
      http.post(`${apimBaseUrl}/applications`, () => HttpResponse.error()),
    );
    const { action, ctx } = setup();

    await expect(action.handler(ctx)).rejects.toThrow(
      `Could not create application 'checkout-web': the apim backend could not be reached at ${apimBaseUrl}`,
    );
  });

  it.each([
    [{ name: 'Checkout Web' }, /^name: lowercase letters, digits and dashes$/],
    [{ name: 'ab' }, /^name: /],
    [{ owner: 'user:default/alice' }, /^owner: must be a group entity ref/],
    [{ environments: [] }, /^environments: /],
    [{ environments: ['qa'] }, /^environments\.0: /],
  ])(
    'refuses %j with a 400 that names the field, before any call',
    async (override, message) => {
      const { action, ctx } = setup({ ...validInput, ...override });

      // msw fails any request without a handler, so a call would not go unnoticed.
      await expect(action.handler(ctx)).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringMatching(message),
      });
    },
  );

  it('in a dry run validates, outputs placeholders and calls nothing', async () => {
    const calls: string[] = [];
    server.use(
      http.all('*', ({ request }) => {
        calls.push(request.url);
        return HttpResponse.json({}, { status: 500 });
      }),
    );
    const { action, ctx } = setup(validInput, true);
    const info = jest.spyOn(ctx.logger, 'info');

    await action.handler(ctx);

    expect(calls).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('applicationId', DRY_RUN_ID);
    expect(ctx.output).toHaveBeenCalledWith('name', 'checkout-web');
    expect(info).toHaveBeenCalledWith(expect.stringMatching(/^Dry run: /));
  });

  it('in a dry run still refuses bad input', async () => {
    const { action, ctx } = setup({ ...validInput, name: 'No' }, true);

    await expect(action.handler(ctx)).rejects.toThrow(/^name: /);
  });
});
