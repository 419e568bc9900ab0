import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexExecutionStore } from '../../database/ExecutionStore';
import { KnexLifecycleDatabase } from '../../database/KnexLifecycleDatabase';
import { ScaffolderResourceExecutor } from './ScaffolderResourceExecutor';

jest.setTimeout(60_000);

const SCAFFOLDER = 'http://localhost:0/api/scaffolder';
const databases = createPorticoTestDatabases();
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe.each(databases.eachSupportedId())(
  'ScaffolderResourceExecutor on %p',
  databaseId => {
    async function executorOver() {
      const knex = await databases.init(databaseId);
      await KnexLifecycleDatabase.create({ knex });
      const executions = new KnexExecutionStore(knex);
      const executor = new ScaffolderResourceExecutor({
        discovery: mockServices.discovery(),
        auth: mockServices.auth({ pluginId: 'lifecycle' }),
        templates: () => 'template:default/sandbox-provision',
        executions,
        clock: { now: () => 1_000 },
      });
      return { knex, executor };
    }
    const sandbox = {
      entityRef: 'resource:default/sandbox-42',
      type: 'sandbox',
    };

    it('records the run, starts the template with its execution id last and binds the task', async () => {
      const { knex, executor } = await executorOver();
      let sent: any;
      server.use(
        http.post(`${SCAFFOLDER}/v2/tasks`, async ({ request }) => {
          sent = await request.json();
          return HttpResponse.json({ id: 'task-1' }, { status: 201 });
        }),
      );
      const result = await executor.start('provision', sandbox, {
        executionId: 'forged',
        size: 'small',
      });
      expect(result).toEqual(
        expect.objectContaining({ taskId: 'task-1', status: 'running' }),
      );
      const [row] = await knex('lifecycle_executions').select();
      expect(sent.templateRef).toBe('template:default/sandbox-provision');
      expect(sent.values).toEqual(
        expect.objectContaining({ size: 'small', executionId: row.id }),
      );
      expect(row).toEqual(
        expect.objectContaining({
          task_id: 'task-1',
          entity_ref: 'resource:default/sandbox-42',
        }),
      );
    });

    it('leaves no execution behind when the scaffolder refuses or is down (503 naming the template)', async () => {
      const { knex, executor } = await executorOver();
      server.use(
        http.post(
          `${SCAFFOLDER}/v2/tasks`,
          () => new HttpResponse('down', { status: 502 }),
        ),
      );
      await expect(executor.start('provision', sandbox)).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining(
          'did not start template:default/sandbox-provision',
        ),
      });
      expect(await knex('lifecycle_executions').select()).toEqual([]);
    });
  },
);
