import type { Knex } from 'knex';
import type { AuditorService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { PromotionAction } from '@portico/plugin-promotions-common';
import type {
  PorticoEvent,
  PorticoEventInput,
} from '@portico/plugin-portico-common';
import type {
  PromotionDatabase,
  PromotionRecord,
  PromotionStores,
} from '../database/PromotionStore';
import type { EventPublisher } from './events';
import { transitionFor } from './stateMachine';
import { eventData } from './views';

export type PromotionTx = PromotionStores & { trx: Knex.Transaction };

/** One `promotion-transition` audit record. */
export interface TransitionAudit {
  requestId: string;
  action: PromotionAction;
  from: string | null;
  to: string;
  actor: string;
}

export interface TransitionOptions {
  comment?: string;
  approvedAt?: number;
  extra?: Record<string, unknown>;
}

/** What a unit of work may do inside its transaction: nothing of it outlives a rollback. */
export interface PromotionChange {
  readonly tx: PromotionTx;
  /**
   * Applies one transition of the table: the conditional update (only on the revision read),
   * the timeline entry and the event.
   */
  transition(
    record: PromotionRecord,
    action: PromotionAction,
    actor: string,
    now: number,
    options?: TransitionOptions,
  ): Promise<PromotionRecord>;
  /** Into the outbox, committed with the change. */
  publish(...events: PorticoEventInput[]): Promise<PorticoEvent[]>;
  /** An audit record for a change that is no transition of the table (the creation). */
  audit(entry: TransitionAudit): void;
}

/**
 * Every change of a request runs here: state, timeline, attempts and outbox events in one
 * transaction, so a failure part-way leaves nothing; the transitions become audit records only
 * after the commit (nothing is recorded for a rollback).
 */
export class PromotionTransactions {
  constructor(
    private readonly options: {
      db: PromotionDatabase;
      events: EventPublisher;
      auditor: AuditorService;
    },
  ) {}

  async run<T>(work: (change: PromotionChange) => Promise<T>): Promise<T> {
    const audits: TransitionAudit[] = [];
    const result = await this.options.db.transaction(tx =>
      work({
        tx,
        transition: (record, action, actor, now, options) =>
          this.transition(tx, audits, record, action, actor, now, options),
        publish: (...events) => this.options.events.publish(tx.trx, ...events),
        audit: entry => {
          audits.push(entry);
        },
      }),
    );
    await this.writeAudits(audits);
    return result;
  }

  private async transition(
    tx: PromotionTx,
    audits: TransitionAudit[],
    record: PromotionRecord,
    action: PromotionAction,
    actor: string,
    now: number,
    options: TransitionOptions = {},
  ): Promise<PromotionRecord> {
    const rule = transitionFor(record.state, action);
    if (
      !(await tx.requests.update(record.id, record.revision, {
        state: rule.to,
        at: now,
        approvedAt: options.approvedAt,
      }))
    ) {
      throw await this.changedMeanwhile(tx, record.id, record, action);
    }
    await tx.requests.addTransition(record.id, {
      action,
      from: record.state,
      to: rule.to,
      actor,
      comment: options.comment,
      at: now,
    });
    const next: PromotionRecord = {
      ...record,
      state: rule.to,
      revision: record.revision + 1,
      updatedAt: now,
      approvedAt: options.approvedAt ?? record.approvedAt,
    };
    await this.options.events.publish(tx.trx, {
      topic: rule.event.topic,
      type: rule.event.type,
      actor,
      subject: record.id,
      tenant: record.tenant,
      data: eventData(next, {
        ...options.extra,
        comment: options.comment,
        previousState: record.state,
      }),
    });
    audits.push({
      requestId: record.id,
      action,
      from: record.state,
      to: rule.to,
      actor,
    });
    return next;
  }

  private async changedMeanwhile(
    tx: PromotionTx,
    id: string,
    read: PromotionRecord,
    action: PromotionAction,
  ) {
    const current = await tx.requests.get(id);
    const rule = transitionFor(read.state, action);
    return new ConflictError(
      `The promotion request is now ${current?.state ?? 'gone'}; it was ${
        read.state
      } when your ${action} started and another change came first, so it cannot be ${
        rule.done
      }`,
    );
  }

  private async writeAudits(entries: TransitionAudit[]): Promise<void> {
    for (const entry of entries) {
      const event = await this.options.auditor.createEvent({
        eventId: 'promotion-transition',
        severityLevel:
          entry.action === 'approve' || entry.action === 'reject'
            ? 'high'
            : 'medium',
        meta: { ...entry },
      });
      await event.success();
    }
  }
}
