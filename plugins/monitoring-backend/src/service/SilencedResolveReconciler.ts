import type { LoggerService } from '@backstage/backend-plugin-api';
import type { MonitoringDatabase } from '../database/MonitoringStore';
import type { SilenceGateway } from './AlertmanagerClient';
import type { Clock } from './clock';
import type { IngestService } from './IngestService';

/**
 * Alertmanager mutes every notification of a silenced alert, the resolved one included, so an
 * alert acknowledged here (with its silence) would never hear of its own resolve. This asks
 * Alertmanager which alerts it still holds and resolves the acknowledged ones it no longer has.
 */
export class SilencedResolveReconciler {
  constructor(
    private readonly options: {
      db: MonitoringDatabase;
      alertmanager: Pick<SilenceGateway, 'unresolvedAlerts'>;
      ingest: IngestService;
      clock: Clock;
      logger: LoggerService;
    },
  ) {}

  async run(): Promise<number> {
    const { db, alertmanager, ingest, clock } = this.options;
    const acknowledged = (await db.alerts.list({ states: ['acknowledged'] }, { limit: 100, offset: 0 })).items.filter(
      a => a.source === 'alertmanager',
    );
    if (acknowledged.length === 0) return 0;
    const held = new Set((await alertmanager.unresolvedAlerts()).map(a => `${a.fingerprint}@${a.startsAt}`));
    const gone = acknowledged.filter(a => !held.has(`${a.fingerprint}@${a.startsAt}`));
    if (gone.length === 0) return 0;
    const now = clock.now();
    const result = await ingest.ingest(
      gone.map(a => ({
        status: 'resolved' as const,
        fingerprint: a.fingerprint,
        startsAt: a.startsAt,
        endsAt: now,
        labels: a.labels,
        annotations: a.annotations,
        generatorUrl: a.generatorUrl,
        groupKey: a.groupKey,
        receiver: a.receiver,
        source: 'alertmanager' as const,
      })),
    );
    this.options.logger.info(`${result.resolved} acknowledged alert(s) resolved in Alertmanager while silenced`);
    return result.resolved;
  }
}
