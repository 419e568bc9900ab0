import type { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { HOUR_MS, LIFECYCLE_LIMITS } from '@portico/plugin-lifecycle-common';
import type { NotificationOutbox, PorticoEvents } from '@portico/portico-node';
import type { LifecycleDatabase, ResourceRecord } from '../database/LifecycleStore';
import type { Clock } from './clock';
import type { ResourceExecutor } from './executors/ResourceExecutor';
import { LIFECYCLE_ACTOR } from './ResourceSync';

const BATCH = 100;
type Window = '48h' | '24h';

export function entityPageLink(entityRef: string): string {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef);
  return match ? `/catalog/${match[2]}/${match[1]}/${match[3]}` : '/catalog';
}

/**
 * The lifecycle's clockwork, one pass at a time (a scheduled task, one runner across replicas):
 * notices 48 h and 24 h before expiry, teardown at expiry, and following teardowns to their end.
 * Each notice is marked sent by a conditional update in the same transaction as its event and its
 * queued notification, so a restart or a second runner never sends one twice.
 */
export class LifecycleRunner {
  constructor(
    private readonly options: {
      db: LifecycleDatabase;
      events: PorticoEvents;
      notices: NotificationOutbox;
      executor: ResourceExecutor;
      auditor: AuditorService;
      clock: Clock;
      logger: LoggerService;
    },
  ) {}

  async runOnce(): Promise<{ notices: number; teardowns: number; finished: number }> {
    const notices = await this.sendNotices();
    const teardowns = await this.startTeardowns();
    const finished = await this.followTeardowns();
    return { notices, teardowns, finished };
  }

  private async sendNotices(): Promise<number> {
    const { db, clock } = this.options;
    const now = clock.now();
    let sent = 0;
    // Candidates: eligible for teardown and expiring within 48 h; each then gets the notices it is due.
    const due = await db.resources.dueForTeardownCheck(now + LIFECYCLE_LIMITS.noticesBeforeMs['48h'], BATCH * 5);
    for (const r of due) {
      if (r.expiresAt === undefined || r.expiresAt <= now) continue;
      const left = r.expiresAt - now;
      if (left <= LIFECYCLE_LIMITS.noticesBeforeMs['24h'] && r.notice24hAt === undefined) {
        // Within 24 h the 48 h notice has no purpose left: it is marked with the same send.
        if (await this.notice(r, '24h', now)) sent++;
      } else if (left <= LIFECYCLE_LIMITS.noticesBeforeMs['48h'] && r.notice48hAt === undefined) {
        if (await this.notice(r, '48h', now)) sent++;
      }
    }
    return sent;
  }

  private async notice(r: ResourceRecord, window: Window, now: number): Promise<boolean> {
    const { db, events, notices } = this.options;
    return db.transaction(async tx => {
      const patch =
        window === '24h'
          ? { notice24hAt: now, notice48hAt: r.notice48hAt ?? now, updatedAt: now }
          : { notice48hAt: now, updatedAt: now };
      const won = await tx.resources.updateIf(
        r.entityRef,
        window === '24h' ? { state: 'active', notice24hUnsent: true } : { state: 'active', notice48hUnsent: true },
        patch,
      );
      if (!won) return false;
      const hours = Math.max(1, Math.round((r.expiresAt! - now) / HOUR_MS));
      const message = `Expires in about ${hours} h (${new Date(r.expiresAt!).toISOString()}); it will then be torn down`;
      await tx.resources.addTimeline({ entityRef: r.entityRef, kind: `notice-${window}`, actor: LIFECYCLE_ACTOR, message, at: now });
      const [event] = await events.publish(tx.trx, {
        topic: 'resource-expiring',
        type: 'expiry-notice',
        actor: LIFECYCLE_ACTOR,
        subject: r.entityRef,
        data: { entityRef: r.entityRef, window, expiresAt: new Date(r.expiresAt!).toISOString(), owner: r.owner },
      });
      if (r.owner) {
        await notices.enqueue(tx.trx, event, {
          recipients: { entities: [r.owner] },
          title: `${r.title ?? r.entityRef} expires in ${window === '24h' ? '24' : '48'} hours`,
          description: `${message}. Extend it from its page if it is still needed.`,
          link: entityPageLink(r.entityRef),
          severity: window === '24h' ? 'high' : 'medium',
        });
      }
      return true;
    });
  }

  private async startTeardowns(): Promise<number> {
    const { db, clock, executor, logger } = this.options;
    const now = clock.now();
    let started = 0;
    for (const r of await db.resources.dueForTeardownCheck(now + 1, BATCH)) {
      const claimed = await db.transaction(async tx => {
        const won = await tx.resources.updateIf(r.entityRef, { state: 'active' }, {
          state: 'tearing-down',
          teardownStartedAt: now,
          updatedAt: now,
        });
        if (won) {
          await tx.resources.addTimeline({ entityRef: r.entityRef, kind: 'teardown-started', actor: LIFECYCLE_ACTOR, message: 'Expired: teardown started', at: now });
        }
        return won;
      });
      if (!claimed) continue;
      started++;
      try {
        const result = await executor.start('teardown', r);
        await db.resources.update(r.entityRef, { teardownTaskId: result.taskId, teardownMessage: result.message });
        if (result.status !== 'running') await this.finish(r, result.status === 'succeeded', result.message);
      } catch (error) {
        logger.warn(`Teardown of ${r.entityRef} could not start: ${error}`);
        await this.finish(r, false, `Could not start the teardown: ${error}`);
      }
    }
    return started;
  }

  private async followTeardowns(): Promise<number> {
    const { db, executor, logger } = this.options;
    let finished = 0;
    for (const r of await db.resources.tearingDown(BATCH)) {
      if (!r.teardownTaskId) continue;
      try {
        const progress = await executor.poll(r.teardownTaskId);
        if (progress.status === 'running') continue;
        await this.finish(r, progress.status === 'succeeded', progress.message);
        finished++;
      } catch (error) {
        logger.warn(`Following the teardown of ${r.entityRef} failed, will retry: ${error}`);
      }
    }
    return finished;
  }

  /** Records the result, its event and its audit; once (only from tearing-down). */
  private async finish(r: ResourceRecord, succeeded: boolean, message?: string) {
    const { db, events, notices, auditor, clock } = this.options;
    const now = clock.now();
    const done = await db.transaction(async tx => {
      const won = await tx.resources.updateIf(r.entityRef, { state: 'tearing-down' }, {
        state: succeeded ? 'torn-down' : 'teardown-failed',
        teardownFinishedAt: now,
        teardownMessage: message,
        updatedAt: now,
      });
      if (!won) return false;
      const text = succeeded ? `Torn down${message ? `: ${message}` : ''}` : `Teardown failed: ${message ?? 'unknown error'}`;
      await tx.resources.addTimeline({ entityRef: r.entityRef, kind: succeeded ? 'torn-down' : 'teardown-failed', actor: LIFECYCLE_ACTOR, message: text, at: now });
      const [event] = await events.publish(tx.trx, {
        topic: 'resource-deleted',
        type: succeeded ? 'resource-deleted' : 'teardown-failed',
        actor: LIFECYCLE_ACTOR,
        subject: r.entityRef,
        data: { entityRef: r.entityRef, owner: r.owner, taskId: r.teardownTaskId, message },
      });
      if (r.owner) {
        await notices.enqueue(tx.trx, event, {
          recipients: { entities: [r.owner] },
          title: `${r.title ?? r.entityRef} ${succeeded ? 'was torn down' : 'could not be torn down'}`,
          description: text,
          link: entityPageLink(r.entityRef),
          severity: succeeded ? 'medium' : 'high',
        });
      }
      return true;
    });
    if (done) {
      const audit = await auditor.createEvent({
        eventId: 'resource-teardown',
        severityLevel: 'medium',
        meta: { entityRef: r.entityRef, taskId: r.teardownTaskId, actor: LIFECYCLE_ACTOR },
      });
      if (succeeded) await audit.success();
      else await audit.fail({ error: new Error(message ?? 'teardown failed') });
    }
  }
}
