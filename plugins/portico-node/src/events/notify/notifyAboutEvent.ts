import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type { PorticoEvent } from '@portico/plugin-portico-common';

/**
 * The seed's alert routing speaks of critical, high, medium and low. Backstage notifications
 * carry a severity, and each channel (the e-mail and Slack processors) takes the severities
 * its `filter` lets through; app-config.yaml sets the default routing: critical to every
 * channel, high to Slack and e-mail, medium (Backstage's `normal`) to Slack.
 */
export type PorticoSeverity = 'critical' | 'high' | 'medium' | 'low';

const TO_BACKSTAGE: Record<PorticoSeverity, NotificationSeverity> = {
  critical: 'critical',
  high: 'high',
  medium: 'normal',
  low: 'low',
};

export type NotificationRecipients =
  | { users: string[] }
  | { ownersOf: string }
  | { entities: string[] };

/** What to tell whom about an event. */
export interface EventNotice {
  recipients: NotificationRecipients;
  title: string;
  description?: string;
  link?: string;
  severity?: PorticoSeverity;
  /** Users who should not hear about it (typically the actor). */
  excludeUsers?: string[];
}

function recipientRefs(recipients: NotificationRecipients): string | string[] {
  if ('users' in recipients) return recipients.users;
  if ('ownersOf' in recipients) return recipients.ownersOf;
  return recipients.entities;
}

/**
 * Tells people about an event: named users, the owners of an entity (a component, an API),
 * or any entities (users or groups; a group reaches its members).
 */
export async function notifyAboutEvent(
  notifications: NotificationService,
  event: PorticoEvent,
  options: EventNotice,
): Promise<void> {
  const entityRef = recipientRefs(options.recipients);
  await notifications.send({
    recipients: {
      type: 'entity',
      entityRef,
      excludeEntityRef: options.excludeUsers,
    },
    payload: {
      title: options.title,
      description: options.description,
      link: options.link,
      severity: TO_BACKSTAGE[options.severity ?? 'medium'],
      topic: `${event.topic}:${event.type}`,
      scope: event.subject,
    },
  });
}
