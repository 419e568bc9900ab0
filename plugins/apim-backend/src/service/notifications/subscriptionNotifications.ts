import type { Knex } from 'knex';
import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { PorticoEvent } from '@portico/plugin-portico-common';
import {
  EventNotice,
  NotificationOutbox,
  subscribeToPorticoEvents,
} from '@portico/portico-node';

export type SubscriptionNotice = EventNotice & {
  link: string;
  severity: NonNullable<EventNotice['severity']>;
};

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * Who hears about a subscription event: the API's owner group about a request waiting for
 * them, the requester about the decision, the application's owner group about a suspension,
 * a resumption or the end of a subscription (not when they deleted the application themselves).
 */
export function subscriptionNotice(
  event: PorticoEvent,
): SubscriptionNotice | undefined {
  const data = event.data;
  const application =
    str(data.applicationName) ?? str(data.applicationId) ?? 'an application';
  const what = `${application} → ${str(data.apiRef)} (${str(data.plan)}, ${str(
    data.environment,
  )})`;
  // The apim frontend's pages: the caller's applications with the subscriptions awaiting their
  // decision, and one application with its subscriptions and keys.
  const applicationLink = `/applications/${str(data.applicationId) ?? ''}`;
  const comment = str(data.comment);
  const requester = str(data.requestedBy);
  const applicationOwner = str(data.applicationOwner);
  switch (event.type) {
    case 'subscription-created': {
      const apiOwner = str(data.apiOwner);
      if (data.state !== 'pending' || !apiOwner) return undefined;
      return {
        recipients: { entities: [apiOwner] },
        title: `Subscription request to approve: ${what}`,
        description: `${requester} asked for it. A member of ${apiOwner} other than the requester approves or rejects it.`,
        link: '/applications',
        severity: 'medium',
        excludeUsers: requester ? [requester] : undefined,
      };
    }
    case 'subscription-approved':
    case 'subscription-rejected': {
      if (!requester) return undefined;
      const approved = event.type === 'subscription-approved';
      return {
        recipients: { users: [requester] },
        title: `Subscription ${approved ? 'approved' : 'rejected'}: ${what}`,
        description: comment
          ? `${event.actor}: ${comment}`
          : `Decided by ${event.actor}.`,
        link: applicationLink,
        severity: approved ? 'medium' : 'high',
      };
    }
    case 'subscription-suspended':
    case 'subscription-resumed':
    case 'subscription-deleted': {
      if (!applicationOwner || data.cause === 'application-deleted')
        return undefined;
      const verb = {
        'subscription-suspended': 'suspended',
        'subscription-resumed': 'resumed',
      }[event.type as 'subscription-suspended' | 'subscription-resumed'];
      return {
        recipients: { entities: [applicationOwner] },
        title: `Subscription ${verb ?? 'revoked'}: ${what}`,
        description: comment
          ? `${event.actor}: ${comment}`
          : `By ${event.actor}.`,
        link: applicationLink,
        severity: event.type === 'subscription-resumed' ? 'low' : 'high',
        excludeUsers: [event.actor],
      };
    }
    default:
      return undefined;
  }
}

/**
 * Notifications follow the committed events (through the relay), not the requests: a
 * notification is sent only for a change that happened, at least once, and the consumer's
 * processed-events table makes a redelivery a no-op.
 */
export async function startSubscriptionNotifier(options: {
  database: Knex;
  events: EventsService;
  scheduler: SchedulerService;
  logger: LoggerService;
  /** Notices are queued in the consumer's transaction and sent by the outbox's task. */
  outbox: NotificationOutbox;
}) {
  return subscribeToPorticoEvents({
    consumer: 'apim:subscription-notifications',
    topics: ['subscription-created', 'subscription-deleted'],
    database: options.database,
    events: options.events,
    scheduler: options.scheduler,
    logger: options.logger,
    onEvent: async (event, trx) => {
      const notice = subscriptionNotice(event);
      if (notice) await options.outbox.enqueue(trx, event, notice);
    },
  });
}
