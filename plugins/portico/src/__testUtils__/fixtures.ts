import type {
  EventsPage,
  OutboxEventView,
} from '@portico/plugin-portico-common';

/** An outbox row as `GET /api/portico/events` returns it; override what the test is about. */
export function outboxEvent(
  overrides: Partial<Omit<OutboxEventView, 'event'>> & {
    event?: Partial<OutboxEventView['event']>;
  } = {},
): OutboxEventView {
  const { event, ...view } = overrides;
  return {
    plugin: 'apim',
    state: 'delivered',
    attempts: 0,
    deliveredAt: '2025-06-01T10:00:02.000Z',
    targets: {
      events: '2025-06-01T10:00:01.000Z',
      kafka: '2025-06-01T10:00:02.000Z',
    },
    ...view,
    event: {
      id: '7d9f6a52-2a4c-4e43-9a57-0f4b1c6a1e01',
      topic: 'subscription-created',
      type: 'subscription-created',
      occurredAt: '2025-06-01T10:00:00.000Z',
      actor: 'user:default/alice',
      subject: 'subscription:sub-42',
      tenant: 'acme',
      data: { application: 'billing-app', plan: 'gold', environment: 'PROD' },
      traceId: 'trace-5f1c2b',
      ...event,
    },
  };
}

/** A subscription event that Kafka has not taken yet: the broker timed out three times. */
export const failingEvent = outboxEvent({
  plugin: 'apim',
  state: 'failing',
  attempts: 3,
  deliveredAt: undefined,
  nextAttemptAt: '2025-06-01T10:05:00.000Z',
  lastError:
    'KafkaJSConnectionError: Connection timeout after 30000ms to broker kafka-1.portico.internal:9092 (retriable)\n    at Connection.connect',
  targets: { events: '2025-06-01T10:00:01.000Z', kafka: null },
});

export const deliveredEvent = outboxEvent({
  plugin: 'promotions',
  state: 'delivered',
  event: {
    id: '0b8a1a7e-8a0c-4f3e-bb43-3f6f0e7d2c11',
    topic: 'promotion-requests',
    type: 'request-approved',
    subject: 'promotion:pr-7',
    actor: 'user:default/bob',
    tenant: undefined,
    traceId: 'trace-9a0b1c',
    data: { component: 'billing-api', version: '1.4.2' },
  },
});

export const firstPage: EventsPage = {
  items: [failingEvent, deliveredEvent],
  plugins: ['apim', 'promotions'],
};
