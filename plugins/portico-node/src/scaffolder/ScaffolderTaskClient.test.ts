import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ScaffolderTaskClient } from './ScaffolderTaskClient';

const SCAFFOLDER = 'http://localhost:0/api/scaffolder';
/** The token `mockServices.auth` gives the promotions plugin to call the scaffolder as itself. */
const OWN_TOKEN = `Bearer ${mockCredentials.service.token({
  onBehalfOf: mockCredentials.service('plugin:promotions'),
  targetPluginId: 'scaffolder',
})}`;

interface Received {
  method: string;
  path: string;
  authorization: string | null;
  contentType: string | null;
  accept: string | null;
  body: string;
}

const server = setupServer();
const received: Received[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  received.length = 0;
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Answers every request under the scaffolder with `answer`, and records what it got. */
function scaffolderAnswers(answer: (path: string) => Response) {
  server.use(
    http.all(`${SCAFFOLDER}/*`, async ({ request }) => {
      const path = new URL(request.url).pathname.replace('/api/scaffolder', '');
      received.push({
        method: request.method,
        path,
        authorization: request.headers.get('authorization'),
        contentType: request.headers.get('content-type'),
        accept: request.headers.get('accept'),
        body: await request.text(),
      });
      return answer(path);
    }),
  );
}

function client(timeoutMs?: number) {
  return new ScaffolderTaskClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth({ pluginId: 'promotions' }),
    timeoutMs,
  });
}

describe('ScaffolderTaskClient', () => {
  it('starts a task with POST /v2/tasks, the template ref and values, as the plugin itself', async () => {
    scaffolderAnswers(() =>
      HttpResponse.json({ id: 'task-1' }, { status: 201 }),
    );

    const id = await client().startTask('template:default/deploy', {
      version: '1.2.3',
      attempt: 2,
    });

    expect(id).toBe('task-1');
    expect(received).toEqual([
      {
        method: 'POST',
        path: '/v2/tasks',
        authorization: OWN_TOKEN,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify({
          templateRef: 'template:default/deploy',
          values: { version: '1.2.3', attempt: 2 },
        }),
      },
    ]);
  });

  it.each([
    ['open', 'running'],
    ['processing', 'running'],
    ['skipped', 'running'],
    ['completed', 'completed'],
    ['failed', 'failed'],
    ['cancelled', 'cancelled'],
  ])(
    'reads a task that is %s as %s with GET /v2/tasks/:id',
    async (scaffolderStatus, status) => {
      scaffolderAnswers(() =>
        HttpResponse.json({ id: 'a/b', status: scaffolderStatus }),
      );

      expect(await client().taskStatus('a/b')).toBe(status);
      expect(received).toEqual([
        {
          method: 'GET',
          path: '/v2/tasks/a%2Fb',
          authorization: OWN_TOKEN,
          contentType: null,
          accept: 'application/json',
          body: '',
        },
      ]);
    },
  );

  it('reads a task the scaffolder does not know as gone', async () => {
    scaffolderAnswers(() =>
      HttpResponse.json(
        { error: { name: 'NotFoundError', message: 'no task' } },
        { status: 404 },
      ),
    );
    expect(await client().taskStatus('task-9')).toBe('gone');
  });

  it('reads the task log with GET /v2/tasks/:id/events', async () => {
    const events = [
      { type: 'completion', body: { output: { ticket: 'T-1' } } },
    ];
    scaffolderAnswers(() => HttpResponse.json(events));

    expect(await client().taskEvents('task-1')).toEqual(events);
    expect(received.map(r => [r.method, r.path, r.authorization])).toEqual([
      ['GET', '/v2/tasks/task-1/events', OWN_TOKEN],
    ]);
  });

  it('cancels with POST /v2/tasks/:id/cancel, and takes a task the scaffolder does not know as done', async () => {
    scaffolderAnswers(path =>
      path.includes('unknown')
        ? HttpResponse.json(
            { error: { name: 'NotFoundError', message: 'no task' } },
            { status: 404 },
          )
        : HttpResponse.json({ status: 'cancelled' }),
    );

    await client().cancelTask('task-1');
    await expect(client().cancelTask('unknown')).resolves.toBeUndefined();
    expect(
      received.map(r => [r.method, r.path, r.authorization, r.body]),
    ).toEqual([
      ['POST', '/v2/tasks/task-1/cancel', OWN_TOKEN, ''],
      ['POST', '/v2/tasks/unknown/cancel', OWN_TOKEN, ''],
    ]);
  });

  it('throws what the scaffolder refuses as a ResponseError with its status and message', async () => {
    // The shape of a Backstage backend's error body.
    scaffolderAnswers(() =>
      HttpResponse.json(
        {
          error: { name: 'NotAllowedError', message: 'not yours' },
          request: { method: 'POST', url: '/v2/tasks' },
          response: { statusCode: 403 },
        },
        { status: 403 },
      ),
    );

    const refused = client().startTask('template:default/deploy', {});
    await expect(refused).rejects.toBeInstanceOf(ResponseError);
    await expect(refused).rejects.toMatchObject({ statusCode: 403 });
    await expect(refused).rejects.toMatchObject({
      cause: { name: 'NotAllowedError', message: 'not yours' },
    });
    // A 404 is an answer only where the method says so.
    await expect(client().taskEvents('task-1')).rejects.toMatchObject({
      statusCode: 403,
    });
  });

  it('throws a 404 on start and on the task log', async () => {
    scaffolderAnswers(() =>
      HttpResponse.json(
        { error: { name: 'NotFoundError', message: 'no template' } },
        { status: 404 },
      ),
    );
    await expect(
      client().startTask('template:default/none', {}),
    ).rejects.toMatchObject({ statusCode: 404 });
    await expect(client().taskEvents('task-1')).rejects.toMatchObject({
      statusCode: 404,
    });
  });

  it('gives up on a scaffolder slower than the timeout', async () => {
    server.use(
      http.get(`${SCAFFOLDER}/v2/tasks/:id`, async () => {
        await new Promise(resolve => setTimeout(resolve, 500));
        return HttpResponse.json({ status: 'completed' });
      }),
    );
    await expect(client(50).taskStatus('task-1')).rejects.toThrow(
      /abort|timeout/i,
    );
    expect(await client().taskStatus('task-1')).toBe('completed');
  });
});
