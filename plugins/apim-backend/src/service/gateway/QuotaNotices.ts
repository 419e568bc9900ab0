import type { ApimEnvironment, Plan } from '@portico/plugin-apim-common';
import type { EventNotice } from '@portico/portico-node';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import type { Knex } from 'knex';
import type { ApimStores } from '../../database/ApimStore';
import type { UsageStore } from '../../database/gateway/UsageStore';
import { EventPublisher, SYSTEM_ACTOR } from '../events';

/** Shares of the plan's quota at which the application's owners hear about it, in percent. */
export const QUOTA_THRESHOLDS = [80, 100] as const;

/** Queues a notice in the caller's transaction (NotificationOutbox.enqueue). */
export interface NoticeQueue {
  enqueue(trx: Knex.Transaction, event: PorticoEvent, notice: EventNotice): Promise<void>;
}

/** One application's usage of one API in one environment on one day, touched by a batch. */
export interface TouchedUsage {
  applicationId: string;
  apiRef: string;
  environment: ApimEnvironment;
  day: string;
}

type Quota = NonNullable<Plan['quota']>;

/** The quota period holding `day` (YYYY-MM-DD): its name and its first and last days. */
export function quotaPeriodOf(day: string, per: Quota['per']): { period: string; from: string; to: string } {
  if (per === 'day') return { period: day, from: day, to: day };
  const month = day.slice(0, 7);
  // Days are compared as strings: `-31` closes every month.
  return { period: month, from: `${month}-01`, to: `${month}-31` };
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Tells an application's owners when its usage of an API reaches 80 % and 100 % of the plan's
 * quota, once per application, API, environment, period and threshold (the claim is a row with
 * that primary key, so two replicas counting two batches at once send one notice). Runs in the
 * transaction that counted the usage: the claim, the event and the queued notice commit with it
 * or not at all. When one batch crosses both thresholds, both are claimed and only the 100 %
 * notice is sent (an 80 % notice after it would only be noise).
 */
export class QuotaNotices {
  constructor(
    private readonly options: {
      events: EventPublisher;
      notices: NoticeQueue;
    },
  ) {}

  async check(
    tx: ApimStores & { trx: Knex.Transaction },
    usage: UsageStore,
    touched: TouchedUsage[],
    now: number,
  ): Promise<void> {
    const seen = new Set<string>();
    for (const item of touched) {
      const subscription = await tx.subscriptions.findLive(item.applicationId, item.apiRef, item.environment);
      if (!subscription) continue;
      const api = await tx.apiSnapshots.get(subscription.apiRef);
      const quota = api?.plans.find(plan => plan.name === subscription.plan)?.quota;
      if (!quota) continue;
      const { period, from, to } = quotaPeriodOf(item.day, quota.per);
      const id = [item.applicationId, item.apiRef, item.environment, period].join('|');
      if (seen.has(id)) continue;
      seen.add(id);

      const used = await usage.requestsBetween(item.applicationId, item.apiRef, item.environment, from, to);
      const claimed: number[] = [];
      for (const threshold of QUOTA_THRESHOLDS) {
        if (used * 100 < threshold * quota.requests) continue;
        const key = { applicationId: item.applicationId, apiRef: item.apiRef, environment: item.environment, period, threshold };
        if (await usage.claimQuotaNotice(key, now)) claimed.push(threshold);
      }
      if (claimed.length === 0) continue;
      const threshold = Math.max(...claimed);
      const tenant = api?.data.tenant;
      const [event] = await this.options.events.publish(tx.trx, {
        topic: 'subscription-created',
        type: 'quota-threshold-reached',
        actor: SYSTEM_ACTOR,
        subject: subscription.id,
        ...(typeof tenant === 'string' && /^[a-z0-9-]{1,63}$/.test(tenant) ? { tenant } : {}),
        data: {
          subscriptionId: subscription.id,
          applicationId: subscription.applicationId,
          applicationName: subscription.applicationName,
          applicationOwner: subscription.applicationOwner,
          apiRef: subscription.apiRef,
          plan: subscription.plan,
          environment: subscription.environment,
          period,
          threshold,
          used,
          quota: quota.requests,
        },
      });
      const what = `${subscription.applicationName} → ${subscription.apiRef} (${subscription.plan}, ${subscription.environment})`;
      const span = quota.per === 'month' ? `in ${period}` : `on ${period}`;
      await this.options.notices.enqueue(tx.trx, event, {
        recipients: { entities: [subscription.applicationOwner] },
        title:
          threshold >= 100
            ? `Quota used up: ${what}`
            : `Quota ${threshold} % used: ${what}`,
        description: `${formatCount(used)} of ${formatCount(quota.requests)} requests ${span}. ${
          threshold >= 100
            ? 'The gateway refuses further requests until the next period; a larger plan lifts the quota.'
            : 'At 100 % the gateway refuses further requests until the next period.'
        }`,
        link: `/applications/${subscription.applicationId}`,
        severity: threshold >= 100 ? 'high' : 'medium',
      });
    }
  }
}
