import { mockServices } from '@backstage/backend-test-utils';
import {
  createPorticoTestDatabases,
  FakeClock,
} from '@portico/portico-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { KnexComponentStore } from '../database/KnexComponentStore';
import { KnexMonitoringDatabase } from '../database/KnexMonitoringDatabase';
import { KnexSilenceWindowStore } from '../database/KnexWindowAndDeploymentStores';
import { AlertmanagerClient } from './AlertmanagerClient';
import { PromotionSilences } from './PromotionSilences';
import { SilenceWindowService } from './SilenceWindowService';

jest.setTimeout(60_000);

const AM = 'http://alertmanager.test:9093';
const msw = setupServer();
beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
afterAll(() => msw.close());
afterEach(() => msw.resetHandlers());

const databases = createPorticoTestDatabases();
const NOW = Date.parse('2026-12-01T09:00:00Z');
const REQUEST = '00000000-0000-4000-8000-00000000a001';

class FakeAlertmanager {
  readonly created: any[] = [];
  readonly deleted: string[] = [];
  failing = false;
  install() {
    msw.use(
      http.post(`${AM}/api/v2/silences`, async ({ request }) => {
        if (this.failing) return new HttpResponse('down', { status: 503 });
        this.created.push(await request.json());
        return HttpResponse.json({
          silenceID: `silence-${this.created.length}`,
        });
      }),
      http.delete(`${AM}/api/v2/silence/:id`, ({ params }) => {
        if (this.failing) return new HttpResponse('down', { status: 503 });
        this.deleted.push(String(params.id));
        return new HttpResponse(null, { status: 200 });
      }),
    );
    return this;
  }
}

let seq = 0;
function event(
  type: string,
  data: Record<string, unknown> = {},
  requestId = REQUEST,
) {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    topic: 'promotion-requests',
    type,
    subject: requestId,
    actor: 'user:default/grace',
    tenant: 'payments',
    occurredAt: new Date(NOW).toISOString(),
    traceId: 't',
    data: {
      requestId,
      componentRef: 'component:default/payments-gateway',
      version: '1.4.2',
      toEnvironment: 'PROD',
      ...data,
    },
  } as any;
}

/** The deploy request of a promotion's deployment attempt, as promotions' startDeployment fills it. */
function deployRequested(attempt: number, data: Record<string, unknown> = {}) {
  return {
    ...event('deploy-requested', {
      attemptId: `00000000-0000-4000-8000-0000000a000${attempt}`,
      attempt,
      executor: 'scaffolder',
      previousState: attempt === 1 ? 'APPROVED' : 'FAILED',
      state: 'DEPLOYING',
      ...data,
    }),
    topic: 'deploy-requests',
    actor: attempt === 1 ? 'plugin:promotions' : 'user:default/alice',
  };
}

describe.each(databases.eachSupportedId())(
  'PromotionSilences on %p',
  databaseId => {
    let db: KnexMonitoringDatabase;
    let clock: FakeClock;

    beforeEach(async () => {
      db = await KnexMonitoringDatabase.create({
        knex: await databases.init(databaseId),
      });
      clock = new FakeClock(NOW);
      await db.components.upsert(
        {
          entityRef: 'component:default/payments-gateway',
          name: 'payments-gateway',
          alertSelector: 'app="pgw"',
          hash: 'h1',
        },
        1,
      );
      await db.components.upsert(
        {
          entityRef: 'component:default/checkout',
          name: 'checkout',
          hash: 'h2',
        },
        1,
      );
    });

    function subject(
      options: { alertmanager?: boolean; enabled?: boolean } = {},
    ) {
      const logger = mockServices.logger.mock();
      const windows = new SilenceWindowService({
        db,
        silences:
          options.alertmanager === false
            ? undefined
            : new AlertmanagerClient(AM),
        componentLabels: ['component', 'service'],
        clock,
        logger,
      });
      const silences = new PromotionSilences({
        windows,
        settings: { enabled: options.enabled ?? true, maxMs: 60 * 60_000 },
        clock,
        logger,
      });
      return (e: any) =>
        db.knex.transaction(trx =>
          silences.handle(e, {
            windows: new KnexSilenceWindowStore(trx),
            components: new KnexComponentStore(trx),
          }),
        );
    }

    it('silences the component over the approved change window once, and ends it when the deployment succeeds', async () => {
      const am = new FakeAlertmanager().install();
      const handle = subject();
      const approved = event('request-approved', {
        changeWindow: {
          start: '2026-12-01T10:00:00.000Z',
          end: '2026-12-01T12:00:00.000Z',
        },
      });
      await handle(approved);
      await handle(approved); // redelivered
      await handle(
        event('request-approved', {
          changeWindow: {
            start: '2026-12-01T10:00:00.000Z',
            end: '2026-12-01T12:00:00.000Z',
          },
        }),
      );
      expect(am.created).toHaveLength(1);
      expect(am.created[0]).toMatchObject({
        matchers: [
          { name: 'app', value: 'pgw', isRegex: false, isEqual: true },
        ],
        startsAt: '2026-12-01T10:00:00.000Z',
        endsAt: '2026-12-01T12:00:00.000Z',
        createdBy: 'user:default/grace',
      });
      expect(am.created[0].comment).toContain(REQUEST);
      expect(am.created[0].comment).toContain('1.4.2 to PROD');
      const window = await db.windows.byPromotion(REQUEST, 1);
      expect(window).toMatchObject({
        componentRef: 'component:default/payments-gateway',
        silenceIds: ['silence-1'],
        startsAt: Date.parse('2026-12-01T10:00:00Z'),
      });
      expect(
        (await db.windows.current(NOW, { limit: 10, offset: 0 })).totalCount,
      ).toBe(1);

      clock.advance(90 * 60_000);
      await handle(event('deployment-succeeded'));
      expect(am.deleted).toEqual(['silence-1']);
      expect(await db.windows.byPromotion(REQUEST, 1)).toMatchObject({
        endsAt: clock.now(),
        cancelledAt: undefined,
      });
      expect(
        (await db.windows.current(clock.now(), { limit: 10, offset: 0 }))
          .totalCount,
      ).toBe(0);
      await handle(event('deployment-failed'));
      expect(am.deleted).toEqual(['silence-1']);
    });

    it('without a change window silences from now for at most maxMinutes, one silence per component label', async () => {
      const am = new FakeAlertmanager().install();
      const handle = subject();
      await handle(event('request-approved', { componentRef: 'checkout' }));
      expect(am.created.map(s => [s.matchers, s.startsAt, s.endsAt])).toEqual([
        [
          [
            {
              name: 'component',
              value: 'checkout',
              isRegex: false,
              isEqual: true,
            },
          ],
          '2026-12-01T09:00:00.000Z',
          '2026-12-01T10:00:00.000Z',
        ],
        [
          [
            {
              name: 'service',
              value: 'checkout',
              isRegex: false,
              isEqual: true,
            },
          ],
          '2026-12-01T09:00:00.000Z',
          '2026-12-01T10:00:00.000Z',
        ],
      ]);
      clock.advance(10 * 60_000);
      await handle(event('deployment-failed', { componentRef: 'checkout' }));
      expect(am.deleted).toEqual(['silence-1', 'silence-2']);
      expect((await db.windows.byPromotion(REQUEST, 1))?.endsAt).toBe(
        NOW + 10 * 60_000,
      );
    });

    it('cancels a window not yet started when the request expires, and ignores unknown components and bad refs', async () => {
      const am = new FakeAlertmanager().install();
      const handle = subject();
      await handle(
        event('request-approved', {
          changeWindow: {
            start: '2026-12-02T10:00:00Z',
            end: '2026-12-02T11:00:00Z',
          },
        }),
      );
      await handle(event('request-expired'));
      expect(am.deleted).toEqual(['silence-1']);
      expect(await db.windows.byPromotion(REQUEST, 1)).toMatchObject({
        cancelledBy: 'plugin:promotions',
        cancelledAt: NOW,
      });

      await handle(
        event(
          'request-approved',
          { componentRef: 'component:default/unknown' },
          '00000000-0000-4000-8000-00000000a002',
        ),
      );
      await handle(
        event(
          'request-approved',
          { componentRef: 'api:default/x' },
          '00000000-0000-4000-8000-00000000a003',
        ),
      );
      expect(am.created).toHaveLength(1);
      expect(
        await db.windows.byPromotion('00000000-0000-4000-8000-00000000a002', 1),
      ).toBeUndefined();
    });

    it('throws on an Alertmanager error with nothing recorded (the consumer retries), then succeeds', async () => {
      const am = new FakeAlertmanager().install();
      const handle = subject();
      am.failing = true;
      const approved = event('request-approved');
      await expect(handle(approved)).rejects.toThrow();
      expect(await db.windows.byPromotion(REQUEST, 1)).toBeUndefined();
      am.failing = false;
      await handle(approved);
      expect(am.created).toHaveLength(1);

      am.failing = true;
      await expect(handle(event('deployment-succeeded'))).rejects.toThrow(
        /did not delete/,
      );
      expect((await db.windows.byPromotion(REQUEST, 1))?.endsAt).toBe(
        NOW + 60 * 60_000,
      );
    });

    it('an outcome before the approval leaves a stand-in, so the late approval opens nothing', async () => {
      const am = new FakeAlertmanager().install();
      const handle = subject();
      await handle(event('deployment-succeeded'));
      await handle(event('request-approved'));
      expect(am.created).toHaveLength(0);
      expect(
        (await db.windows.current(NOW, { limit: 10, offset: 0 })).totalCount,
      ).toBe(0);
    });

    it('records the window without a silence when Alertmanager is not configured, and does nothing when disabled', async () => {
      const handle = subject({ alertmanager: false });
      await handle(event('request-approved'));
      expect(await db.windows.byPromotion(REQUEST, 1)).toMatchObject({
        silenceIds: [],
      });
      clock.advance(60_000);
      await handle(event('deployment-succeeded'));
      expect((await db.windows.byPromotion(REQUEST, 1))?.endsAt).toBe(
        NOW + 60_000,
      );

      const off = subject({ enabled: false });
      await off(
        event('request-approved', {}, '00000000-0000-4000-8000-00000000a009'),
      );
      expect(
        await db.windows.byPromotion('00000000-0000-4000-8000-00000000a009', 1),
      ).toBeUndefined();
    });

    it("a retried deployment opens a silence of its own, once, ended by the retry's outcome", async () => {
      const am = new FakeAlertmanager().install();
      const handle = subject();
      await handle(event('request-approved'));
      await handle(deployRequested(1)); // the first attempt runs in the approval's window
      expect(am.created).toHaveLength(1);
      clock.advance(10 * 60_000);
      await handle(
        event('deployment-failed', {
          attemptId: '00000000-0000-4000-8000-0000000a0001',
          attempt: 1,
        }),
      );
      expect(am.deleted).toEqual(['silence-1']);
      expect(await db.windows.byPromotion(REQUEST, 1)).toMatchObject({
        endsAt: NOW + 10 * 60_000,
        promotionAttempt: 1,
      });

      clock.advance(5 * 60_000);
      const retried = deployRequested(2);
      await handle(retried);
      await handle(retried); // redelivered
      await handle(deployRequested(2)); // the same attempt under another event id
      expect(am.created).toHaveLength(2);
      const retryStart = NOW + 15 * 60_000;
      expect(am.created[1]).toMatchObject({
        matchers: [
          { name: 'app', value: 'pgw', isRegex: false, isEqual: true },
        ],
        startsAt: new Date(retryStart).toISOString(),
        endsAt: new Date(retryStart + 60 * 60_000).toISOString(),
        createdBy: 'user:default/alice',
      });
      expect(am.created[1].comment).toContain(
        `Promotion ${REQUEST}: 1.4.2 to PROD, attempt 2 retried by user:default/alice`,
      );
      expect(await db.windows.byPromotion(REQUEST, 2)).toMatchObject({
        promotionRequestId: REQUEST,
        promotionAttempt: 2,
        silenceIds: ['silence-2'],
        startsAt: retryStart,
        endsAt: retryStart + 60 * 60_000,
      });
      expect(
        (
          await db.windows.current(clock.now(), { limit: 10, offset: 0 })
        ).items.map(w => w.promotionAttempt),
      ).toEqual([2]);

      clock.advance(20 * 60_000);
      await handle(
        event('deployment-succeeded', {
          attemptId: '00000000-0000-4000-8000-0000000a0002',
          attempt: 2,
        }),
      );
      expect(am.deleted).toEqual(['silence-1', 'silence-2']);
      expect(await db.windows.byPromotion(REQUEST, 2)).toMatchObject({
        endsAt: clock.now(),
        cancelledAt: undefined,
      });
      expect(await db.windows.byPromotion(REQUEST, 1)).toMatchObject({
        endsAt: NOW + 10 * 60_000,
      });
      expect(
        (await db.windows.current(clock.now(), { limit: 10, offset: 0 }))
          .totalCount,
      ).toBe(0);
      await handle(retried); // a late redelivery of the retry opens nothing
      expect(am.created).toHaveLength(2);
    });

    it('a retry inside a change window is silenced until the window ends; a retry without an attempt number opens nothing', async () => {
      const am = new FakeAlertmanager().install();
      const handle = subject();
      const changeWindow = {
        start: '2026-12-01T08:00:00.000Z',
        end: '2026-12-01T12:00:00.000Z',
      };
      await handle(event('request-approved', { changeWindow }));
      await handle(event('deployment-failed', { attempt: 1 }));
      clock.advance(30 * 60_000);
      await handle(deployRequested(2, { changeWindow }));
      expect(am.created.map(s => [s.startsAt, s.endsAt])).toEqual([
        ['2026-12-01T09:00:00.000Z', '2026-12-01T12:00:00.000Z'],
        ['2026-12-01T09:30:00.000Z', '2026-12-01T12:00:00.000Z'],
      ]);
      await handle(deployRequested(3, { attempt: 'three' }));
      await handle(deployRequested(3, { attempt: 0 }));
      expect(am.created).toHaveLength(2);
    });

    it("a retry's outcome before its deploy request leaves a stand-in, so the late retry opens nothing", async () => {
      const am = new FakeAlertmanager().install();
      const handle = subject();
      await handle(event('request-approved'));
      await handle(event('deployment-failed', { attempt: 1 }));
      await handle(event('deployment-failed', { attempt: 2 }));
      expect(await db.windows.byPromotion(REQUEST, 2)).toMatchObject({
        startsAt: NOW,
        endsAt: NOW,
        silenceIds: [],
        promotionAttempt: 2,
      });
      expect(await db.windows.byPromotion(REQUEST, 1)).toMatchObject({
        silenceIds: ['silence-1'],
      });
      await handle(deployRequested(2));
      expect(am.created).toHaveLength(1);
      // The next retry is a new attempt: it opens.
      await handle(deployRequested(3));
      expect(am.created).toHaveLength(2);
    });
  },
);
