import request from 'supertest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  ALERTMANAGER,
  auth,
  MonitoringTestBackend,
  startMonitoringTestBackend,
} from '../__testUtils__/monitoringTestBackend';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => msw.close());

const REQUEST = '00000000-0000-4000-8000-00000000b001';

function promotionEvent(
  n: number,
  type: string,
  data: Record<string, unknown> = {},
) {
  return {
    id: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
    topic: 'promotion-requests',
    type,
    occurredAt: '2026-12-01T09:00:00.000Z',
    actor: 'user:default/grace',
    subject: REQUEST,
    tenant: 'payments',
    traceId: 't1',
    data: {
      requestId: REQUEST,
      componentRef: 'component:default/payments-gateway',
      version: '1.4.2',
      toEnvironment: 'PROD',
      ...data,
    },
  };
}

describe.each(databases.eachSupportedId())(
  'promotion silences through the events service on %p',
  databaseId => {
    let backend: MonitoringTestBackend;
    const created: any[] = [];
    const deleted: string[] = [];

    beforeEach(async () => {
      created.length = 0;
      deleted.length = 0;
      backend = await startMonitoringTestBackend(databases, databaseId);
      msw.use(
        http.post(
          `${ALERTMANAGER}/api/v2/silences`,
          async ({ request: req }) => {
            created.push(await req.json());
            return HttpResponse.json({
              silenceID: `silence-${created.length}`,
            });
          },
        ),
        http.delete(`${ALERTMANAGER}/api/v2/silence/:id`, ({ params }) => {
          deleted.push(String(params.id));
          return new HttpResponse(null, { status: 200 });
        }),
      );
    });
    afterEach(async () => {
      msw.resetHandlers();
      await backend.stop();
    });

    it('opens a window on approval (once, though redelivered), lists it, and ends it when the deployment succeeds', async () => {
      const approved = promotionEvent(1, 'request-approved', {
        changeWindow: {
          start: '2026-12-01T09:30:00.000Z',
          end: '2026-12-01T11:00:00.000Z',
        },
      });
      await backend.publish('promotion-requests', approved);
      await backend.publish('promotion-requests', approved);
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({
        startsAt: '2026-12-01T09:30:00.000Z',
        endsAt: '2026-12-01T11:00:00.000Z',
      });
      const list = await request(backend.server)
        .get('/api/monitoring/silence-windows')
        .set('Authorization', auth('alice'));
      expect(list.body.items).toMatchObject([
        {
          componentRef: 'component:default/payments-gateway',
          createdBy: 'user:default/grace',
          state: 'scheduled',
        },
      ]);
      expect(list.body.items[0].comment).toContain(REQUEST);

      backend.clock.advance(45 * 60_000);
      await backend.publish(
        'promotion-requests',
        promotionEvent(2, 'deployment-succeeded'),
      );
      expect(deleted).toEqual(['silence-1']);
      const after = await request(backend.server)
        .get('/api/monitoring/silence-windows')
        .set('Authorization', auth('alice'));
      expect(after.body.totalCount).toBe(0);
      // The deployment marker consumer saw it too.
      const [{ n }] = await backend
        .knex('monitoring_deployments')
        .count({ n: '*' });
      expect(Number(n)).toBe(1);
    });

    it('a retried deployment (deploy-requests) opens a second window, once, and its outcome ends it', async () => {
      await backend.publish(
        'promotion-requests',
        promotionEvent(1, 'request-approved'),
      );
      backend.clock.advance(10 * 60_000);
      await backend.publish(
        'promotion-requests',
        promotionEvent(2, 'deployment-failed', { attempt: 1 }),
      );
      expect(deleted).toEqual(['silence-1']);

      const retried = {
        ...promotionEvent(3, 'deploy-requested', {
          attemptId: '00000000-0000-4000-8000-0000000a0002',
          attempt: 2,
          previousState: 'FAILED',
        }),
        topic: 'deploy-requests',
        actor: 'user:default/alice',
      };
      await backend.publish('deploy-requests', retried);
      await backend.publish('deploy-requests', retried);
      expect(created).toHaveLength(2);
      expect(created[1]).toMatchObject({
        startsAt: '2026-12-01T09:10:00.000Z',
        endsAt: '2026-12-01T10:10:00.000Z',
        createdBy: 'user:default/alice',
      });
      const list = await request(backend.server)
        .get('/api/monitoring/silence-windows')
        .set('Authorization', auth('alice'));
      expect(list.body.items).toMatchObject([
        { createdBy: 'user:default/alice', state: 'active' },
      ]);
      expect(list.body.items[0].comment).toContain('attempt 2 retried');

      backend.clock.advance(5 * 60_000);
      await backend.publish(
        'promotion-requests',
        promotionEvent(4, 'deployment-succeeded', { attempt: 2 }),
      );
      expect(deleted).toEqual(['silence-1', 'silence-2']);
      const after = await request(backend.server)
        .get('/api/monitoring/silence-windows')
        .set('Authorization', auth('alice'));
      expect(after.body.totalCount).toBe(0);
    });
  },
);
