export {
  porticoOutboxMigration,
  porticoOutboxDeadLetterMigration,
  OUTBOX_TABLE, PROCESSED_EVENTS_TABLE } from './outbox/outboxMigration';
export type {
  DeliveryTarget,
  OutboxListQuery,
  OutboxRow,
  OutboxStats,
  OutboxStore,
} from './outbox/OutboxStore';
export { KnexOutboxStore } from './outbox/KnexOutboxStore';
export { OutboxPublisher, toPorticoEvent } from './outbox/publishEvent';
export { InMemoryOutboxRegistry, outboxRegistryServiceRef } from './outbox/outboxRegistry';
export type { OutboxRegistry } from './outbox/outboxRegistry';
export { OutboxRelay } from './relay/OutboxRelay';
export type { RelayPassResult } from './relay/OutboxRelay';
export { readRelaySettings, backoffMs } from './relay/relayConfig';
export type { RelaySettings } from './relay/relayConfig';
export type { RelayTarget, TargetResult } from './relay/RelayTarget';
export { EventsServiceTarget } from './relay/EventsServiceTarget';
export { KafkaTarget } from './relay/KafkaTarget';
export type { EventProducer, ProducerMessage } from './kafka/EventProducer';
export { ProducerMessageError } from './kafka/EventProducer';
export { KafkajsProducer } from './kafka/KafkajsProducer';
export { readKafkaSettings } from './kafka/kafkaConfig';
export type { KafkaSettings } from './kafka/kafkaConfig';
export { consumeFromKafka } from './kafka/KafkajsConsumer';
export { EventConsumer } from './consumer/EventConsumer';
export type { ConsumeOutcome } from './consumer/EventConsumer';
export { subscribeToPorticoEvents } from './consumer/subscribe';
export type { SubscribeOptions } from './consumer/subscribe';
export { createPorticoEvents, porticoEventsDeps } from './createPorticoEvents';
export type { PorticoEvents } from './createPorticoEvents';
export { notifyAboutEvent } from './notify/notifyAboutEvent';
export type { EventNotice, NotificationRecipients, PorticoSeverity } from './notify/notifyAboutEvent';
export {
  NotificationOutbox,
  notificationOutboxMigration,
  NOTIFICATION_OUTBOX_TABLE,
} from './notify/notificationOutbox';
