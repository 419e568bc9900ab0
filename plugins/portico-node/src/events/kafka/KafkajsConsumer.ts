import { Consumer, Kafka, logLevel } from 'kafkajs';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { PorticoEvent, porticoEventSchema } from '@portico/plugin-portico-common';
import type { KafkaSettings } from './kafkaConfig';
import type { EventConsumer } from '../consumer/EventConsumer';
import type { Knex } from 'knex';

/**
 * Consumes Portico events from Kafka into an `EventConsumer`: an offset is committed only
 * after the handler's transaction committed, and a redelivered message is skipped by id.
 * A handler that throws makes kafkajs retry the message (with its own back-off).
 */
export async function consumeFromKafka(options: {
  settings: KafkaSettings;
  groupId: string;
  topics: string[];
  consumer: EventConsumer;
  onEvent: (event: PorticoEvent, trx: Knex.Transaction) => Promise<void>;
  logger: LoggerService;
  fromBeginning?: boolean;
}): Promise<{ stop(): Promise<void> }> {
  const { settings } = options;
  const kafka = new Kafka({
    clientId: `${settings.clientId}-${options.groupId}`,
    brokers: settings.brokers,
    ssl: settings.ssl,
    sasl: settings.sasl as any,
    connectionTimeout: settings.connectionTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    logLevel: logLevel.NOTHING,
  });
  const consumer: Consumer = kafka.consumer({ groupId: options.groupId });
  await consumer.connect();
  for (const topic of options.topics) {
    await consumer.subscribe({
      topic: `${settings.topicPrefix}${topic}`,
      fromBeginning: options.fromBeginning ?? false,
    });
  }
  await consumer.run({
    autoCommit: true,
    eachMessage: async ({ message, topic }) => {
      const parsed = porticoEventSchema.safeParse(JSON.parse(message.value?.toString() ?? 'null'));
      if (!parsed.success) {
        options.logger.warn(`Ignored a malformed message on ${topic}: ${parsed.error.message}`);
        return;
      }
      await options.consumer.handle(parsed.data, options.onEvent);
    },
  });
  return { stop: () => consumer.disconnect() };
}
