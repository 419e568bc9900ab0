import type { Config } from '@backstage/config';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  ssl: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  /** Retries inside kafkajs for one send; the relay's own back-off covers longer outages. */
  retries: number;
}

const MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** `portico.kafka`, or undefined when Kafka is not configured (events stay in-process). */
export function readKafkaSettings(config: Config): KafkaSettings | undefined {
  const kafka = config.getOptionalConfig('portico.kafka');
  // A list, or one comma-separated string (what an environment variable can hold).
  const raw = kafka?.getOptional('brokers');
  const brokers =
    typeof raw === 'string'
      ? raw.split(',').map(b => b.trim()).filter(Boolean)
      : (kafka?.getOptionalStringArray('brokers') ?? []);
  if (!kafka || brokers.length === 0) return undefined;
  brokers.forEach((broker, i) => {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) {
      throw new Error(
        `Invalid broker '${broker}' at config key 'portico.kafka.brokers[${i}]': expected host:port`,
      );
    }
  });
  const saslConfig = kafka.getOptionalConfig('sasl');
  let sasl: KafkaSettings['sasl'];
  if (saslConfig) {
    const mechanism = saslConfig.getString('mechanism');
    if (!(MECHANISMS as readonly string[]).includes(mechanism)) {
      throw new Error(
        `Invalid value '${mechanism}' at config key 'portico.kafka.sasl.mechanism': use one of ${MECHANISMS.join(', ')}`,
      );
    }
    sasl = {
      mechanism: mechanism as (typeof MECHANISMS)[number],
      username: saslConfig.getString('username'),
      password: saslConfig.getString('password'),
    };
  }
  return {
    brokers,
    clientId: kafka.getOptionalString('clientId') ?? 'portico',
    topicPrefix: kafka.getOptionalString('topicPrefix') ?? '',
    ssl: kafka.getOptionalBoolean('ssl') ?? false,
    sasl,
    connectionTimeoutMs: kafka.getOptionalNumber('connectionTimeoutMs') ?? 3000,
    requestTimeoutMs: kafka.getOptionalNumber('requestTimeoutMs') ?? 30000,
    retries: kafka.getOptionalNumber('retries') ?? 2,
  };
}
