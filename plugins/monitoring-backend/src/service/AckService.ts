import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { AckBody } from '@portico/plugin-monitoring-common';
import type { AckRecord, AlertRecord, MonitoringDatabase } from '../database/MonitoringStore';
import type { Caller } from './AccessService';
import type { SilenceGateway } from './AlertmanagerClient';
import type { Clock } from './clock';
import { alertEvent, EventPublisher, SYSTEM_ACTOR } from './events';

/**
 * Acknowledgement as a real state: who, when, why, until when; with Alertmanager configured, a
 * silence on the alert's exact labels for the same time, so the notifications stop too.
 * Un-acknowledging, the expiry and the resolve end it and delete the silence.
 */
export class AckService {
  constructor(
    private readonly options: {
      db: MonitoringDatabase;
      events: EventPublisher;
      silences?: SilenceGateway;
      clock: Clock;
      logger: LoggerService;
    },
  ) {}

  private async alertFor(caller: Caller, alertId: string): Promise<AlertRecord> {
    const alert = await this.options.db.alerts.get(alertId);
    if (!alert) throw new NotFoundError(`No alert ${alertId}`);
    if (!caller.mayAcknowledge(alert.ownerRef)) {
      throw new NotAllowedError(
        `Only on-call (monitoring.alert.manage) or the owner team${alert.ownerRef ? ` ${alert.ownerRef}` : ''} may acknowledge this alert`,
      );
    }
    return alert;
  }

  async acknowledge(caller: Caller, alertId: string, body: AckBody): Promise<{ alert: AlertRecord; ack: AckRecord }> {
    const { db, events, silences, clock, logger } = this.options;
    const alert = await this.alertFor(caller, alertId);
    if (alert.state !== 'firing') throw new ConflictError(`The alert is ${alert.state}, not firing`);
    const now = clock.now();
    const expiresAt = now + body.expiresInMinutes * 60_000;
    const silenceId = silences
      ? await silences.createSilence({
          labels: alert.labels,
          startsAt: now,
          endsAt: expiresAt,
          createdBy: caller.ref,
          comment: `Acknowledged in Portico: ${body.comment}${body.assignee ? ` (assignee ${body.assignee})` : ''}${
            body.ticketId ? ` (ticket ${body.ticketId})` : ''
          }`,
        })
      : undefined;
    try {
      return await db.transaction(async tx => {
        const acknowledgedAt = alert.acknowledgedAt ?? now;
        const moved = await tx.alerts.transition(alert.id, ['firing'], 'acknowledged', { acknowledgedAt, updatedAt: now });
        if (!moved) throw new ConflictError('The alert changed meanwhile (acknowledged or resolved); reload');
        const ack = await tx.acks.insert({
          alertId: alert.id,
          ackedBy: caller.ref,
          ackedAt: now,
          comment: body.comment,
          expiresAt,
          silenceId,
          silenceOpen: silenceId !== undefined,
          assignee: body.assignee,
          ticketId: body.ticketId,
        });
        const updated: AlertRecord = { ...alert, state: 'acknowledged', acknowledgedAt, updatedAt: now };
        await events.publish(tx.trx, alertEvent('alert-acknowledged', caller.ref, updated, ack));
        return { alert: updated, ack };
      });
    } catch (error) {
      if (silenceId) {
        await silences!.deleteSilence(silenceId).catch(e => logger.warn(`Could not delete silence ${silenceId}: ${e}`));
      }
      throw error;
    }
  }

  async unacknowledge(caller: Caller, alertId: string): Promise<AlertRecord> {
    const alert = await this.alertFor(caller, alertId);
    if (alert.state !== 'acknowledged') throw new ConflictError(`The alert is ${alert.state}, not acknowledged`);
    const updated = await this.endAck(alert, caller.ref, 'unacknowledged');
    if (!updated) throw new ConflictError('The alert changed meanwhile; reload');
    await this.deleteEndedSilences();
    return updated;
  }

  private async endAck(alert: AlertRecord, actor: string, reason: 'unacknowledged' | 'expired') {
    const { db, events, clock } = this.options;
    return db.transaction(async tx => {
      const now = clock.now();
      const ack = await tx.acks.open(alert.id);
      if (!ack || !(await tx.acks.end(ack.id, now, reason))) return undefined;
      const moved = await tx.alerts.transition(alert.id, ['acknowledged'], 'firing', { updatedAt: now });
      if (!moved) return undefined;
      const updated: AlertRecord = { ...alert, state: 'firing', updatedAt: now };
      await events.publish(tx.trx, alertEvent('alert-unacknowledged', actor, updated, { ...ack, endedAt: now, endedReason: reason }));
      return updated;
    });
  }

  /** Ends acks past their expiry (the alert fires again in the portal); returns how many. */
  async expire(): Promise<number> {
    const { db, clock } = this.options;
    let count = 0;
    for (const ack of await db.acks.expiredBefore(clock.now(), 100)) {
      const alert = await db.alerts.get(ack.alertId);
      if (alert && (await this.endAck(alert, SYSTEM_ACTOR, 'expired'))) count++;
    }
    await this.deleteEndedSilences();
    return count;
  }

  /** Deletes the Alertmanager silences of ended acks; a failure is retried on the next sweep. */
  async deleteEndedSilences(): Promise<number> {
    const { db, silences, logger } = this.options;
    if (!silences) return 0;
    let deleted = 0;
    for (const ack of await db.acks.silencesToDelete(100)) {
      try {
        if (ack.silenceId) await silences.deleteSilence(ack.silenceId);
        await db.acks.silenceDeleted(ack.id);
        deleted++;
      } catch (error) {
        logger.warn(`Could not delete silence ${ack.silenceId}, will retry: ${error}`);
      }
    }
    return deleted;
  }
}
