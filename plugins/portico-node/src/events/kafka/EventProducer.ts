/**
 * The one small interface Portico needs from a Kafka client, so that kafkajs (no release in
 * over two years) can be swapped without touching the relay.
 */
export interface ProducerMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface EventProducer {
  /**
   * Sends the messages, in order per topic and key, and resolves only once every broker
   * replica acknowledged them; rejects if any was not.
   */
  send(messages: ProducerMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * Thrown by a producer when the broker refused the messages themselves (too large, a topic
 * that does not exist or may not be written), as opposed to being unreachable: the relay
 * then counts the failure against the event, and parks it as dead letter after
 * `portico.events.relay.maxAttempts` such failures.
 */
export class ProducerMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProducerMessageError';
  }
}
