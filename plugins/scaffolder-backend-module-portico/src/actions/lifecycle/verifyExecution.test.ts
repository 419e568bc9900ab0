import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createLifecycleVerifyAction } from './verifyExecution';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const EXECUTION = '6f1c3f7e-8d2a-4a55-9a1e-1b2c3d4e5f60';
const action = createLifecycleVerifyAction({ discovery: mockServices.discovery(), auth: mockServices.auth({ pluginId: 'scaffolder' }) });

function context(input: object, isDryRun = false) {
  const ctx = createMockActionContext({
    input: input as any,
    templateInfo: { entityRef: 'template:default/sandbox-teardown' } as any,
  });
  return Object.assign(ctx, {
    isDryRun,
    task: { id: 'task-7' },
    getInitiatorCredentials: async () => mockCredentials.service('plugin:lifecycle'),
  });
}

describe('lifecycle:sandbox:verify', () => {
  it('asks the lifecycle, as the initiator, about this task and template', async () => {
    const received: any[] = [];
    server.use(
      http.post(`http://localhost:0/api/lifecycle/executions/${EXECUTION}/verify`, async ({ request }) => {
        received.push({ auth: request.headers.get('authorization'), body: await request.json() });
        return HttpResponse.json({ executionId: EXECUTION });
      }),
    );
    const ctx = context({ executionId: EXECUTION, entityRef: 'resource:default/sandbox-a', operation: 'teardown' });
    await action.handler(ctx as any);
    expect(received).toEqual([
      {
        auth: expect.stringContaining('plugin:lifecycle'),
        body: { operation: 'teardown', entityRef: 'resource:default/sandbox-a', templateRef: 'template:default/sandbox-teardown', taskId: 'task-7' },
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('executionId', EXECUTION);
  });

  it("stops the task with the lifecycle's refusal", async () => {
    server.use(
      http.post(`http://localhost:0/api/lifecycle/executions/${EXECUTION}/verify`, () =>
        HttpResponse.json({ error: { name: 'NotAllowedError', message: 'user:default/mallory is not an allowed caller' } }, { status: 403 }),
      ),
    );
    await expect(
      action.handler(context({ executionId: EXECUTION, entityRef: 'resource:default/sandbox-a', operation: 'teardown' }) as any),
    ).rejects.toThrow(/The lifecycle did not start this teardown.*not an allowed caller/);
  });

  it('refuses an execution id that is not a uuid, and calls nothing on a dry run', async () => {
    await expect(
      action.handler(context({ executionId: '../x', entityRef: 'resource:default/a', operation: 'provision' }) as any),
    ).rejects.toThrow('executionId: not an execution id (uuid)');
    const dry = context({ executionId: EXECUTION, entityRef: 'resource:default/a', operation: 'provision' }, true);
    await action.handler(dry as any);
    expect(dry.output).toHaveBeenCalledWith('executionId', EXECUTION);
  });
});
