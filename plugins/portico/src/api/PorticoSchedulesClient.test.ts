import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { daily } from '../__testUtils__/renderSchedulesPage';
import { fieldErrorOf } from './errors';
import { PorticoSchedulesClient } from './PorticoSchedulesClient';

const baseUrl = 'http://backstage.test';
const schedulesUrl = `${baseUrl}/api/portico/schedules`;

describe('PorticoSchedulesClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new PorticoSchedulesClient({
    discoveryApi: mockApis.discovery({ baseUrl }),
    fetchApi: mockApis.fetch(),
  });

  it('creates, changes and deletes with the bodies and methods the router takes', async () => {
    const seen: Array<{ method: string; path: string; body?: unknown }> = [];
    server.use(
      http.post(schedulesUrl, async ({ request }) => {
        seen.push({ method: 'POST', path: '', body: await request.json() });
        return HttpResponse.json(daily, { status: 201 });
      }),
      http.patch(`${schedulesUrl}/:id`, async ({ request, params }) => {
        seen.push({
          method: 'PATCH',
          path: String(params.id),
          body: await request.json(),
        });
        return HttpResponse.json({ ...daily, cron: '0 7 * * *' });
      }),
      http.delete(`${schedulesUrl}/:id`, ({ params }) => {
        seen.push({ method: 'DELETE', path: String(params.id) });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const body = {
      name: 'Daily Trivy scan',
      templateRef: 'template:default/scheduled-trivy-scan',
      cron: '0 6 * * *',
      parameters: { severity: 'HIGH' },
      enabled: false,
    };

    await expect(client.createSchedule(body)).resolves.toEqual(daily);
    await expect(
      client.updateSchedule(daily.id, { cron: '0 7 * * *' }),
    ).resolves.toMatchObject({ cron: '0 7 * * *' });
    await expect(client.deleteSchedule(daily.id)).resolves.toBeUndefined();
    expect(seen).toEqual([
      { method: 'POST', path: '', body },
      { method: 'PATCH', path: daily.id, body: { cron: '0 7 * * *' } },
      { method: 'DELETE', path: daily.id },
    ]);
  });

  it('throws the server’s 400, whose message names the field', async () => {
    server.use(
      http.post(schedulesUrl, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message:
                'templateRef: template:default/x is not a template you can run',
            },
            request: { method: 'POST', url: '/schedules' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await client
      .createSchedule({
        name: 'x y z',
        templateRef: 'x',
        cron: '0 6 * * *',
        parameters: {},
        enabled: false,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(fieldErrorOf(error)).toEqual({
      field: 'templateRef',
      message: 'template:default/x is not a template you can run',
    });
  });
});
