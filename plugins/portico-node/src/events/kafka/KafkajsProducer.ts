import { Kafka, logLevel, Producer } from 'kafkajs';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { EventProducer, ProducerMessage, ProducerMessageError } from './EventProducer';
import type { KafkaSettings } from './kafkaConfig';

/** Broker answers about the messages themselves: retrying them unchanged cannot help. */
const MESSAGE_ERRORS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TOPIC_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'TOPIC_AUTHORIZATION_FAILED',
]);

/** The broker's protocol error type, looking through kafkajs's retry wrapper. */
function protocolErrorType(error: unknown): string | undefined {
  let current: any = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.type === 'string') return current.type;
    current = current.cause ?? current.originalError;
  }
  return undefined;
}

/**
 * kafkajs behind `EventProducer`: an idempotent producer (exactly one copy per partition
 * even when a send is retried), one request in flight (order kept), acks from all in-sync
 * replicas. A failed send drops the connection so that the next pass starts clean.
 */
export class KafkajsProducer implements EventProducer {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private connecting?: Promise<Producer>;

  constructor(
    private readonly settings: KafkaSettings,
    private readonly logger: LoggerService,
  ) {
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      ssl: settings.ssl,
      sasl: settings.sasl as any,
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      retry: { retries: settings.retries },
      logLevel: logLevel.NOTHING,
    });
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    if (!this.connecting) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { retries: this.settings.retries },
      });
      this.connecting = producer
        .connect()
        .then(() => {
          this.producer = producer;
          return producer;
        })
        .finally(() => {
          this.connecting = undefined;
        });
    }
    return this.connecting;
  }

  async send(messages: ProducerMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, ProducerMessage[]>();
    for (const message of messages) {
      const list = byTopic.get(message.topic) ?? [];
      list.push(message);
      byTopic.set(message.topic, list);
    }
    try {
      const producer = await this.connected();
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic.entries()].map(([topic, list]) => ({
          topic,
          messages: list.map(m => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    } catch (error) {
      this.logger.warn(`Kafka send failed, will retry with back-off: ${error}`);
      await this.disconnect().catch(() => undefined);
      const type = protocolErrorType(error);
      if (type && MESSAGE_ERRORS.has(type)) {
        throw new ProducerMessageError(`${type}: ${(error as Error).message}`, { cause: error });
      }
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    if (producer) await producer.disconnect();
  }
}
