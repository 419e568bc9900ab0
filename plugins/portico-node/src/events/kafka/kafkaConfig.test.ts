import { ConfigReader } from '@backstage/config';
import { readKafkaSettings } from './kafkaConfig';
import { backoffMs, readRelaySettings } from '../relay/relayConfig';

describe('readKafkaSettings', () => {
  it('is off without brokers', () => {
    expect(readKafkaSettings(new ConfigReader({}))).toBeUndefined();
    expect(readKafkaSettings(new ConfigReader({ portico: { kafka: { brokers: [] } } }))).toBeUndefined();
  });

  it('reads brokers, prefix and SASL', () => {
    const settings = readKafkaSettings(
      new ConfigReader({
        portico: {
          kafka: {
            brokers: ['kafka-1:9092', 'kafka-2:9092'],
            topicPrefix: 'prod.',
            ssl: true,
            sasl: { mechanism: 'scram-sha-512', username: 'portico', password: 'secret' },
          },
        },
      }),
    );
    expect(settings).toEqual(
      expect.objectContaining({
        brokers: ['kafka-1:9092', 'kafka-2:9092'],
        topicPrefix: 'prod.',
        ssl: true,
        sasl: { mechanism: 'scram-sha-512', username: 'portico', password: 'secret' },
      }),
    );
  });

  it('takes a comma-separated string, as an environment variable gives', () => {
    expect(
      readKafkaSettings(new ConfigReader({ portico: { kafka: { brokers: 'k1:9092, k2:9092' } } }))?.brokers,
    ).toEqual(['k1:9092', 'k2:9092']);
  });

  it('names the wrong key', () => {
    expect(() =>
      readKafkaSettings(new ConfigReader({ portico: { kafka: { brokers: ['kafka-1'] } } })),
    ).toThrow("config key 'portico.kafka.brokers[0]'");
    expect(() =>
      readKafkaSettings(
        new ConfigReader({
          portico: { kafka: { brokers: ['k:1'], sasl: { mechanism: 'gssapi', username: 'u', password: 'p' } } },
        }),
      ),
    ).toThrow("config key 'portico.kafka.sasl.mechanism'");
  });
});

describe('relay settings', () => {
  it('backs off exponentially up to the cap', () => {
    const settings = readRelaySettings(
      new ConfigReader({ portico: { events: { relay: { backoff: { initialSeconds: 2, maxSeconds: 60 } } } } }),
    );
    expect([1, 2, 3, 4, 5, 6, 10].map(a => backoffMs(a, settings) / 1000)).toEqual([2, 4, 8, 16, 32, 60, 60]);
  });

  it('names the wrong key', () => {
    expect(() =>
      readRelaySettings(new ConfigReader({ portico: { events: { relay: { batchSize: -1 } } } })),
    ).toThrow("config key 'portico.events.relay.batchSize'");
  });
});
