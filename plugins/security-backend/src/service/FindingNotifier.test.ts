import { randomUUID } from 'crypto';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import { emptyCounts } from '@portico/plugin-security-common';
import {
  KnexSecurityDatabase,
  storesOn,
} from '../database/KnexSecurityDatabase';
import { FindingNotifier } from './FindingNotifier';

const databases = createPorticoTestDatabases();
const HOUR = 3_600_000;

function event(type: string, data: Record<string, unknown>): PorticoEvent {
  return {
    id: randomUUID(),
    topic: 'security-findings',
    type,
    occurredAt: '2026-12-05T10:15:01.000Z',
    actor: 'external:ci',
    subject: 'x',
    traceId: 'trace',
    data,
  } as PorticoEvent;
}

function summary(
  opened: Partial<ReturnType<typeof emptyCounts>>,
  componentRef?: string,
) {
  return {
    scanId: 'scan-1',
    duplicate: false,
    artifact: 'ghcr.io/acme/payments-gateway:1.4.2',
    ...(componentRef ? { componentRef } : {}),
    opened: { ...emptyCounts(), ...opened },
    seenAgain: emptyCounts(),
    reopened: emptyCounts(),
    fixed: emptyCounts(),
  };
}

describe.each(databases.eachSupportedId())(
  'FindingNotifier on %p',
  databaseId => {
    it('routes by severity to the owner team, one notice per report, runtime alerts repeat-guarded', async () => {
      const knex = await databases.init(databaseId);
      const db = await KnexSecurityDatabase.create({ knex });
      await db.components.upsert(
        {
          entityRef: 'component:default/payments-gateway',
          ownerRef: 'group:default/payments-team',
          images: ['ghcr.io/acme/payments-gateway'],
          hash: 'h',
        },
        'run',
        1,
      );
      let now = 10 * HOUR;
      const notices: any[] = [];
      const notifier = new FindingNotifier({
        outbox: {
          enqueue: async (_trx, _event, notice) => void notices.push(notice),
        },
        repeatIntervalMs: HOUR,
        fallbackTeam: 'group:default/security',
        clock: { now: () => now },
        storesOn,
      });
      const deliver = (e: PorticoEvent) =>
        knex.transaction(trx => notifier.onEvent(e, trx));

      await deliver(
        event(
          'report-ingested',
          summary(
            { critical: 1, high: 2, low: 5 },
            'component:default/payments-gateway',
          ),
        ),
      );
      await deliver(event('report-ingested', summary({ medium: 3 })));
      // Only low findings: nobody is woken up.
      await deliver(
        event(
          'report-ingested',
          summary({ low: 4 }, 'component:default/payments-gateway'),
        ),
      );
      expect(
        notices.map(n => [n.recipients.entities[0], n.severity, n.title]),
      ).toEqual([
        [
          'group:default/payments-team',
          'critical',
          '[CRITICAL] New findings on payments-gateway: 1 critical, 2 high',
        ],
        [
          'group:default/security',
          'medium',
          '[MEDIUM] New findings on ghcr.io/acme/payments-gateway:1.4.2: 3 medium',
        ],
      ]);

      const findingId = randomUUID();
      const alert = () =>
        event('runtime-alert', {
          findingId,
          severity: 'high',
          rule: 'Terminal shell in container',
          output: 'A shell was spawned',
          componentRef: 'component:default/payments-gateway',
          ownerRef: 'group:default/payments-team',
        });
      await deliver(alert());
      now += HOUR / 2;
      await deliver(alert());
      now += HOUR;
      await deliver(alert());
      await deliver(
        event('runtime-alert', {
          findingId: randomUUID(),
          severity: 'low',
          rule: 'Noise',
        }),
      );
      const runtime = notices.slice(2);
      expect(runtime).toHaveLength(2);
      expect(runtime[0]).toMatchObject({
        recipients: { entities: ['group:default/payments-team'] },
        severity: 'high',
        title:
          '[HIGH] Runtime alert on payments-gateway: Terminal shell in container',
        link: `/security/findings/${findingId}`,
      });
    });
  },
);
