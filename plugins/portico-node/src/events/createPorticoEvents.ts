import type { Knex } from 'knex';
import {
  AuditorService,
  coreServices,
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import type { PorticoEvent, PorticoEventInput } from '@portico/plugin-portico-common';
import { KnexOutboxStore } from './outbox/KnexOutboxStore';
import { OutboxPublisher } from './outbox/publishEvent';
import type { OutboxStore } from './outbox/OutboxStore';
import { OutboxRegistry, outboxRegistryServiceRef } from './outbox/outboxRegistry';
import { OutboxRelay } from './relay/OutboxRelay';
import { readRelaySettings } from './relay/relayConfig';
import { EventsServiceTarget } from './relay/EventsServiceTarget';
import { KafkaTarget } from './relay/KafkaTarget';
import type { RelayTarget } from './relay/RelayTarget';
import type { EventProducer } from './kafka/EventProducer';
import { KafkajsProducer } from './kafka/KafkajsProducer';
import { readKafkaSettings } from './kafka/kafkaConfig';

/** The services `createPorticoEvents` needs: spread into a plugin's `deps`. */
export const porticoEventsDeps = {
  config: coreServices.rootConfig,
  logger: coreServices.logger,
  scheduler: coreServices.scheduler,
  auditor: coreServices.auditor,
  lifecycle: coreServices.lifecycle,
  pluginMetadata: coreServices.pluginMetadata,
  events: eventsServiceRef,
  outboxRegistry: outboxRegistryServiceRef,
};

export interface PorticoEvents {
  /** Writes events inside the caller's transaction; they are relayed once it commits. */
  publish(trx: Knex.Transaction, ...events: PorticoEventInput[]): Promise<PorticoEvent[]>;
  store: OutboxStore;
  relay: OutboxRelay;
}

/**
 * Gives a backend plugin an outbox and its relay in a few lines:
 *
 * ```ts
 * deps: { database: coreServices.database, ...porticoEventsDeps },
 * async init({ database, ...deps }) {
 *   const knex = await database.getClient();   // migrations include porticoOutboxMigration
 *   const events = await createPorticoEvents({ database: knex, ...deps });
 *   // in a service: await knex.transaction(async trx => { ...; await events.publish(trx, {...}) })
 * }
 * ```
 */
export async function createPorticoEvents(options: {
  database: Knex;
  config: RootConfigService;
  logger: LoggerService;
  scheduler: SchedulerService;
  auditor: AuditorService;
  lifecycle: LifecycleService;
  pluginMetadata: { getId(): string };
  events: EventsService;
  outboxRegistry: OutboxRegistry;
  /** Replaces the kafkajs producer (tests, another client). */
  producer?: EventProducer;
}): Promise<PorticoEvents> {
  const pluginId = options.pluginMetadata.getId();
  const settings = readRelaySettings(options.config);
  const kafka = readKafkaSettings(options.config);
  const store = new KnexOutboxStore(options.database);

  const targets: RelayTarget[] = [new EventsServiceTarget(options.events, options.auditor)];
  const producer =
    options.producer ?? (kafka ? new KafkajsProducer(kafka, options.logger) : undefined);
  if (producer) {
    targets.push(new KafkaTarget(producer, kafka?.topicPrefix ?? ''));
    options.lifecycle.addShutdownHook(() => producer.disconnect());
  }
  options.logger.info(
    `Portico events: outbox relay to ${targets.map(t => t.name).join(' and ')} every ${settings.intervalSeconds}s`,
  );

  const relay = new OutboxRelay({ pluginId, store, targets, settings, logger: options.logger });
  await options.scheduler.scheduleTask({
    id: 'portico-outbox-relay',
    frequency: { seconds: settings.intervalSeconds },
    // The scheduler holds a run's lock until this timeout when its process dies (kill -9, OOM):
    // a 5-minute timeout stopped every delivery of the plugin for 5 minutes after a crash
    // (bench/crash.ts). Rows claimed by the dead run come back after the same lease, and the
    // claim in the store keeps two runs from taking the same rows, so the lease is the timeout.
    timeout: { seconds: settings.leaseSeconds },
    // One runner at a time across replicas; the claim in the store guards the rest.
    scope: 'global',
    fn: async () => {
      await relay.runOnce();
    },
  });
  options.outboxRegistry.register(pluginId, store);

  const publisher = new OutboxPublisher(store);
  return {
    publish: (trx, ...events) => publisher.publish(trx, ...events),
    store,
    relay,
  };
}
