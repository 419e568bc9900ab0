import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import {
  ApimTestBackend,
  auth,
  createApplication,
  startApimTestBackend,
  uniqueName,
} from '../__testUtils__/apimTestBackend';
import { APIM_TASKS } from '../plugin';

jest.setTimeout(120_000);

const databases = createPorticoTestDatabases();
const GATEWAY = mockCredentials.service.header();

describe.each(databases.eachSupportedId())('apim gateway: quota notices on %p', databaseId => {
  let backend: ApimTestBackend;
  beforeAll(async () => {
    backend = await startApimTestBackend(databases, databaseId, {
      config: { apim: { gateway: { allowedSubjects: ['external:test-service'] } } },
    });
    // The quota is read from the API projection, as the gateway's authorize does.
    await backend.scheduler.triggerTask(APIM_TASKS.apiChanges);
  });
  afterAll(() => backend.stop());

  const api = () => request(backend.server);

  /** An application of devops-acme's on the free plan of payments-api (10,000 requests a month) in sandbox. */
  async function appOnFreePlan() {
    const app = await createApplication(backend.server, 'alice', {
      name: uniqueName('quota'),
      owner: 'devops-acme',
      environments: ['sandbox'],
    });
    const sub = await api()
      .post('/api/apim/subscriptions')
      .set('Authorization', auth('alice'))
      .send({ applicationId: app.id, apiRef: 'payments-api', plan: 'free', environment: 'sandbox' })
      .expect(201);
    return { app, subscriptionId: sub.body.id as string };
  }

  let batch = 0;
  async function ship(applicationId: string, count: number, time: string) {
    const line = {
      time,
      application: applicationId,
      api: 'api:default/payments-api',
      environment: 'sandbox',
      plan: 'free',
      status: 200,
      requestTime: 0.01,
    };
    batch++;
    const res = await api()
      .post('/api/apim/gateway/usage')
      .set('Authorization', GATEWAY)
      .send({ batchId: `quota-${batch}-${applicationId.slice(0, 8)}`, lines: Array.from({ length: count }, () => line) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ counted: count, duplicate: false });
  }

  const quotaEvents = async (subscriptionId: string) =>
    (
      await backend
        .knex('portico_outbox')
        .where({ subject: subscriptionId, type: 'quota-threshold-reached' })
        .orderBy('seq')
    ).map(row => {
      const event = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
      const data = event?.data ?? JSON.parse(row.data ?? '{}');
      return `${data.period} ${data.threshold} ${data.used}/${data.quota}`;
    });

  const queuedNotices = async (applicationId: string) =>
    (await backend.knex('portico_notification_outbox').orderBy('seq'))
      .map(row => JSON.parse(row.payload))
      .filter(({ event }) => event.data.applicationId === applicationId)
      .map(({ notice }) => notice.title as string);

  it('tells the owners once at 80 %, once at 100 %, and again in the next month', async () => {
    const { app, subscriptionId } = await appOnFreePlan();
    const november = '2026-11-10T08:00:00.000Z';

    await ship(app.id, 7_999, november);
    expect(await quotaEvents(subscriptionId)).toEqual([]);

    await ship(app.id, 1, november);
    expect(await quotaEvents(subscriptionId)).toEqual(['2026-11 80 8000/10000']);
    await ship(app.id, 1_000, '2026-11-20T08:00:00.000Z');
    expect(await quotaEvents(subscriptionId)).toEqual(['2026-11 80 8000/10000']);

    await ship(app.id, 1_000, '2026-11-30T23:59:59.000Z');
    await ship(app.id, 5, november);
    expect(await quotaEvents(subscriptionId)).toEqual(['2026-11 80 8000/10000', '2026-11 100 10000/10000']);

    // A new month counts from zero, and its thresholds are noticed again.
    await ship(app.id, 8_500, '2026-12-01T00:00:00.000Z');
    expect(await quotaEvents(subscriptionId)).toEqual([
      '2026-11 80 8000/10000',
      '2026-11 100 10000/10000',
      '2026-12 80 8500/10000',
    ]);

    const titles = await queuedNotices(app.id);
    expect(titles).toEqual([
      expect.stringMatching(/^Quota 80 % used: quota-.* → api:default\/payments-api \(free, sandbox\)$/),
      expect.stringMatching(/^Quota used up: /),
      expect.stringMatching(/^Quota 80 % used: /),
    ]);

    // The notification outbox's task sends them to the application's owner group.
    backend.sent.length = 0;
    await backend.scheduler.triggerTask(APIM_TASKS.notifications);
    const sent = backend.sent.filter(n => n.payload.link === `/applications/${app.id}`);
    expect(sent).toHaveLength(3);
    expect(sent[1]).toEqual({
      recipients: { type: 'entity', entityRef: ['group:default/devops-acme'] },
      payload: expect.objectContaining({
        title: expect.stringMatching(/^Quota used up: /),
        description: expect.stringMatching(/^10,000 of 10,000 requests in 2026-11\. /),
        severity: 'high',
        topic: 'subscription-created:quota-threshold-reached',
        scope: subscriptionId,
      }),
    });
  });

  it('sends one notice, the 100 % one, when a batch crosses both thresholds; nothing without a quota', async () => {
    const { app, subscriptionId } = await appOnFreePlan();
    await ship(app.id, 10_000, '2026-10-05T12:00:00.000Z');
    expect(await quotaEvents(subscriptionId)).toEqual(['2026-10 100 10000/10000']);
    // Both thresholds are claimed: the 80 % one does not follow later that month.
    await ship(app.id, 1, '2026-10-06T12:00:00.000Z');
    expect(await quotaEvents(subscriptionId)).toEqual(['2026-10 100 10000/10000']);
    expect(
      await backend.knex('apim_gateway_quota_notices').where({ application_id: app.id }).orderBy('threshold').pluck('threshold'),
    ).toEqual([80, 100]);

    // customers-api's basic plan has no quota: usage is counted, nobody is told anything.
    const other = await createApplication(backend.server, 'dave', {
      name: uniqueName('noquota'),
      owner: 'devops-globex',
      environments: ['sandbox'],
    });
    const sub = await api()
      .post('/api/apim/subscriptions')
      .set('Authorization', auth('dave'))
      .send({ applicationId: other.id, apiRef: 'customers-api', plan: 'basic', environment: 'sandbox' })
      .expect(201);
    const res = await api()
      .post('/api/apim/gateway/usage')
      .set('Authorization', GATEWAY)
      .send({
        batchId: `noquota-${other.id.slice(0, 8)}`,
        lines: Array.from({ length: 50 }, () => ({
          time: '2026-10-05T12:00:00.000Z',
          application: other.id,
          api: 'api:default/customers-api',
          environment: 'sandbox',
          status: 200,
        })),
      });
    expect(res.body).toEqual({ counted: 50, duplicate: false });
    expect(await quotaEvents(sub.body.id)).toEqual([]);
    expect(await backend.knex('apim_gateway_quota_notices').where({ application_id: other.id })).toEqual([]);
  });
});
