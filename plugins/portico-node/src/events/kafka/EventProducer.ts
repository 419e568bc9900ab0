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
