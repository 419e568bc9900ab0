/**
 * Portico's topics and, per topic, the event types it carries (documented for consumers in
 * the `portico-events` AsyncAPI entity, catalog/asyncapi/portico-events.yaml). A new event
 * type is added here and there together.
 */
export const TOPIC_TYPES = {
  'api-created': ['api-created'],
  'api-updated': ['api-updated'],
  'api-deleted': ['api-deleted'],
  'application-created': ['application-created'],
  'application-deleted': ['application-deleted'],
  'subscription-created': [
    'subscription-created',
    'subscription-approved',
    'subscription-rejected',
    'subscription-suspended',
    'subscription-resumed',
    'quota-threshold-reached',
  ],
  'subscription-deleted': ['subscription-deleted'],
  'api-key-rotated': ['api-key-created', 'api-key-rotated', 'api-key-revoked'],
  'promotion-requests': [
    'request-created',
    'request-approved',
    'request-rejected',
    'deployment-succeeded',
    'deployment-failed',
    'request-expired',
  ],
  'service-requests': [
    'request-created',
    'request-assigned',
    'request-resolved',
    'sla-breached',
    'action-succeeded',
    'action-failed',
  ],
  'deploy-requests': ['deploy-requested', 'deploy-cancelled'],
  'deploy-results': ['deploy-succeeded', 'deploy-failed'],
  'security-job-results': ['scan-completed', 'scan-failed'],
  'security-findings': [
    'report-ingested',
    'finding-opened',
    'finding-fixed',
    'finding-reopened',
    'finding-triaged',
    'risk-requested',
    'risk-accepted',
    'risk-rejected',
    'risk-expired',
    'runtime-alert',
    'finding-ticket-linked',
  ],
  alerts: [
    'alert-firing',
    'alert-resolved',
    'alert-acknowledged',
    'alert-unacknowledged',
  ],
  'resource-created': ['resource-created', 'resource-provisioned', 'provision-failed'],
  'resource-expiring': ['expiry-notice', 'expiry-extended'],
  'resource-deleted': ['resource-deleted', 'teardown-failed', 'resource-removed'],
  'tag-violation': ['tag-violation', 'tag-violation-resolved'],
  notifications: ['notification-requested'],
  'audit-log': ['audit-recorded'],
} as const;

export type PorticoTopic = keyof typeof TOPIC_TYPES;

export const PORTICO_TOPICS = Object.keys(TOPIC_TYPES) as PorticoTopic[];

export type PorticoEventType<T extends PorticoTopic = PorticoTopic> =
  (typeof TOPIC_TYPES)[T][number];

export function isPorticoTopic(topic: string): topic is PorticoTopic {
  return Object.prototype.hasOwnProperty.call(TOPIC_TYPES, topic);
}
