import type { Knex } from 'knex';
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import {
  PLATFORM_APPROVER_GROUP,
  tenantApproverGroup,
  tenantDevopsGroup,
} from '@portico/plugin-promotions-common';
import {
  EventNotice,
  NotificationOutbox,
  subscribeToPorticoEvents,
} from '@portico/portico-node';


export type PromotionNotice = EventNotice & {
  link: string;
  severity: NonNullable<EventNotice['severity']>;
};

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Who hears about a promotion event, as in the seed: the approvers of the tenant about a new
 * request (never the requester), the requester about the decision, everyone involved about a
 * deployment that succeeded, and the tenant's DevOps (ops) and the requester about one that failed.
 */
export function promotionNotice(
  event: PorticoEvent,
): PromotionNotice | undefined {
  const data = event.data;
  const tenant = str(data.tenant) ?? event.tenant;
  const requester = str(data.requestedBy);
  const component = str(data.componentTitle) ?? str(data.componentRef);
  const what = `${component} ${str(data.version)} → ${str(data.toEnvironment)}`;
  const link = `/promotions/${str(data.requestId) ?? event.subject}`;
  const comment = str(data.comment);
  const actor = event.actor;
  switch (event.type) {
    case 'request-created':
      if (!tenant) return undefined;
      return {
        recipients: {
          entities: [tenantApproverGroup(tenant), PLATFORM_APPROVER_GROUP],
        },
        title: `Promotion to approve: ${what}`,
        description: `${requester} asks to promote it. An approver of ${tenant} other than the requester approves or rejects it.`,
        link,
        severity: 'medium',
        excludeUsers: requester ? [requester] : undefined,
      };
    case 'request-approved':
      if (!requester) return undefined;
      return {
        recipients: { users: [requester] },
        title: `Promotion approved: ${what}`,
        description: `Approved by ${actor}${
          comment ? `: ${comment}` : ''
        }. The deployment starts now.`,
        link,
        severity: 'low',
      };
    case 'request-rejected':
      if (!requester) return undefined;
      return {
        recipients: { users: [requester] },
        title: `Promotion rejected: ${what}`,
        description: `Rejected by ${actor}: ${comment ?? 'no reason given'}`,
        link,
        severity: 'medium',
      };
    case 'deployment-succeeded': {
      const approvers = Array.isArray(data.approvers)
        ? (data.approvers as string[])
        : [];
      return {
        recipients: {
          entities: [
            ...(requester ? [requester] : []),
            ...(tenant
              ? [tenantDevopsGroup(tenant), tenantApproverGroup(tenant)]
              : []),
            ...approvers,
          ],
        },
        title: `Deployed: ${what}`,
        description: `The promotion of ${component} ${str(
          data.version,
        )} to ${str(data.toEnvironment)} is done.`,
        link,
        severity: 'low',
      };
    }
    case 'deployment-failed':
      return {
        recipients: {
          entities: [
            ...(requester ? [requester] : []),
            ...(tenant ? [tenantDevopsGroup(tenant)] : []),
          ],
        },
        title: `Deployment failed: ${what}`,
        description: `${
          comment ?? 'The executor reported a failure.'
        } It can be retried within the retry window; a rollback is a new request.`,
        link,
        severity: 'high',
      };
    default:
      return undefined;
  }
}

export async function startPromotionNotifier(options: {
  database: Knex;
  events: EventsService;
  scheduler: SchedulerService;
  logger: LoggerService;
  queue: NotificationOutbox;
}) {
  return subscribeToPorticoEvents({
    consumer: 'promotions:notifications',
    topics: ['promotion-requests'],
    database: options.database,
    events: options.events,
    scheduler: options.scheduler,
    logger: options.logger,
    onEvent: async (event, trx) => {
      const notice = promotionNotice(event);
      if (notice) await options.queue.enqueue(trx, event, notice);
    },
  });
}
