import type { Knex } from 'knex';
import { ConfigReader } from '@backstage/config';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { porticoOutboxDeadLetterMigration, porticoOutboxMigration } from '../outbox/outboxMigration';
import { KnexOutboxStore } from '../outbox/KnexOutboxStore';
import { OutboxPublisher } from '../outbox/publishEvent';
import { OutboxRelay } from '../relay/OutboxRelay';
import { KafkaTarget } from '../relay/KafkaTarget';
import { readRelaySettings } from '../relay/relayConfig';
import { KafkajsProducer } from './KafkajsProducer';
import { readKafkaSettings } from './kafkaConfig';
import { consumeFromKafka } from './KafkajsConsumer';
import { EventConsumer } from '../consumer/EventConsumer';
import { sampleEvent } from '../__testUtils__/fakes';

// Runs against a real broker (Kafka or Redpanda) when KAFKA_BROKERS=host:port[,host:port] is
// set; the topics must exist (`<prefix>promotion-requests`, `<prefix>audit-log`).
const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean) ?? [];
const describeWithKafka = brokers.length > 0 ? describe : describe.skip;

if (brokers.length === 0) {
  // eslint-disable-next-line no-console
  console.info('Kafka integration test skipped: set KAFKA_BROKERS=host:port to run it');
}

describeWithKafka('Kafka integration (KAFKA_BROKERS set)', () => {
  jest.setTimeout(120_000);
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('relays committed events to Kafka and a consumer processes each once', async () => {
    const knex: Knex = await databases.init('SQLITE_3');
    await porticoOutboxMigration.up(knex);
    await porticoOutboxDeadLetterMigration.up(knex);
    const settings = readKafkaSettings(
      new ConfigReader({
        portico: { kafka: { brokers, topicPrefix: process.env.KAFKA_TOPIC_PREFIX ?? '' } },
      }),
    )!;
    const logger = mockServices.logger.mock();
    const store = new KnexOutboxStore(knex);
    const producer = new KafkajsProducer(settings, logger);
    const relay = new OutboxRelay({
      pluginId: 'kafka-it',
      store,
      targets: [new KafkaTarget(producer, settings.topicPrefix)],
      settings: readRelaySettings(new ConfigReader({})),
      logger,
    });
    const subject = `promotion:it-${Date.now()}`;
    const written = await knex.transaction(trx =>
      new OutboxPublisher(store).publish(trx, sampleEvent(subject, 1), sampleEvent(subject, 2)),
    );
    expect((await relay.runOnce()).delivered).toBe(2);

    const seen: string[] = [];
    const consumer = new EventConsumer(knex, 'kafka-it');
    const running = await consumeFromKafka({
      settings,
      groupId: `portico-it-${Date.now()}`,
      topics: ['promotion-requests'],
      consumer,
      fromBeginning: true,
      logger,
      onEvent: async event => {
        if (event.subject === subject) seen.push(event.id);
      },
    });
    const deadline = Date.now() + 60_000;
    while (seen.length < 2 && Date.now() < deadline) await new Promise(r => setTimeout(r, 200));
    await running.stop();
    await producer.disconnect();
    expect(seen).toEqual(written.map(e => e.id));
  });
});
