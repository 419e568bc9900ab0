import net from 'net';
import type { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { porticoOutboxDeadLetterMigration, porticoOutboxMigration } from '../outbox/outboxMigration';
import { KnexOutboxStore } from '../outbox/KnexOutboxStore';
import { OutboxPublisher } from '../outbox/publishEvent';
import { OutboxRelay } from './OutboxRelay';
import { EventsServiceTarget } from './EventsServiceTarget';
import { KafkaTarget } from './KafkaTarget';
import { KafkajsProducer } from '../kafka/KafkajsProducer';
import type { EventProducer } from '../kafka/EventProducer';
import { readRelaySettings } from './relayConfig';
import { ConfigReader } from '@backstage/config';
import { porticoRegistry } from '../../metrics/registry';
import {
  RecordingEventsService,
  RecordingProducer,
  recordingAuditor,
  sampleEvent,
} from '../__testUtils__/fakes';

const databases = createPorticoTestDatabases();
jest.setTimeout(60_000);

/** A port with nothing listening: what a broker that is down looks like to kafkajs. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

const settings = readRelaySettings(
  new ConfigReader({ portico: { events: { relay: { batchSize: 100, backoff: { initialSeconds: 1 } } } } }),
);

describe.each(databases.eachSupportedId())('OutboxRelay on %s', databaseId => {
  let knex: Knex;
  let store: KnexOutboxStore;
  let publisher: OutboxPublisher;
  let clock: number;
  const logger = mockServices.logger.mock();

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await porticoOutboxMigration.up(knex);
    await porticoOutboxDeadLetterMigration.up(knex);
    store = new KnexOutboxStore(knex);
    publisher = new OutboxPublisher(store);
    clock = Date.now();
  });

  function relayWith(events: RecordingEventsService, producer?: EventProducer, pluginId = 'test') {
    const targets: any[] = [new EventsServiceTarget(events, recordingAuditor().auditor)];
    if (producer) targets.push(new KafkaTarget(producer, 'portico.'));
    return new OutboxRelay({ pluginId, store, targets, settings, logger, now: () => clock });
  }

  it('publishes nothing from a rolled-back transaction, ever', async () => {
    const events = new RecordingEventsService();
    await expect(
      knex.transaction(async trx => {
        await publisher.publish(trx, sampleEvent('promotion:1', 1));
        throw new Error('approval failed');
      }),
    ).rejects.toThrow('approval failed');
    await relayWith(events).runOnce();
    expect(events.published).toEqual([]);
  });

  it('delivers committed events in order, with the auditor told of each', async () => {
    const events = new RecordingEventsService();
    const { auditor, records } = recordingAuditor();
    const written = await knex.transaction(trx =>
      publisher.publish(trx, sampleEvent('a', 1), sampleEvent('b', 2), sampleEvent('a', 3)),
    );
    const relay = new OutboxRelay({
      pluginId: 'test',
      store,
      targets: [new EventsServiceTarget(events, auditor)],
      settings,
      logger,
      now: () => clock,
    });
    expect(await relay.runOnce()).toEqual({ claimed: 3, delivered: 3, failed: 0 });
    expect(events.ids()).toEqual(written.map(e => e.id));
    expect(events.published[0].topic).toBe('promotion-requests');
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual(expect.objectContaining({ eventId: written[0].id, actor: 'user:default/alice' }));
    expect(await relay.runOnce()).toEqual({ claimed: 0, delivered: 0, failed: 0 });
  });

  it('keeps every row pending while Kafka is down, then delivers all in order once it is back', async () => {
    const events = new RecordingEventsService();
    const down = new KafkajsProducer(
      {
        brokers: [`127.0.0.1:${await closedPort()}`],
        clientId: 'portico-test',
        topicPrefix: 'portico.',
        ssl: false,
        connectionTimeoutMs: 300,
        requestTimeoutMs: 1000,
        retries: 0,
      },
      logger,
    );
    const written = await knex.transaction(trx =>
      publisher.publish(trx, ...Array.from({ length: 20 }, (_, i) => sampleEvent(`s${i % 3}`, i))),
    );

    const first = await relayWith(events, down).runOnce();
    expect(first.delivered).toBe(0);
    // The first row of each subject failed; the later ones wait behind it, untried.
    expect(first.failed).toBe(3);
    const stats = await store.stats();
    expect(stats.pending).toBe(20);
    expect(stats.failing).toBe(3);
    expect(stats.deadLetter).toBe(0);
    const row = await store.get(written[0].id);
    expect(row?.lastError).toMatch(/^kafka: /);
    expect(row?.delivered.events).toBeDefined();

    // Still in back-off: nothing is attempted.
    const working = new RecordingProducer();
    expect((await relayWith(events, working).runOnce()).claimed).toBe(0);

    clock += 5_000;
    const second = await relayWith(events, working).runOnce();
    expect(second).toEqual({ claimed: 20, delivered: 20, failed: 0 });
    const sentEvents = working.sent.filter(m => m.topic === 'portico.promotion-requests');
    expect(sentEvents.map(m => JSON.parse(m.value).id)).toEqual(written.map(e => e.id));
    expect(sentEvents[0]).toEqual(
      expect.objectContaining({
        key: written[0].subject,
        headers: { 'portico-event-id': written[0].id, 'portico-event-type': 'request-created' },
      }),
    );
    expect(working.sent.filter(m => m.topic === 'portico.audit-log')).toHaveLength(20);
    // The events service got each event exactly once, across both passes.
    expect(events.ids()).toEqual(written.map(e => e.id));
    expect((await store.stats()).pending).toBe(0);
    await down.disconnect();
  });

  it('keeps order per subject: a failing subject waits, the others go on', async () => {
    const events = new RecordingEventsService();
    events.failSubjects.add('stuck');
    const [s1, ok1, s2, ok2] = await knex.transaction(trx =>
      publisher.publish(trx, sampleEvent('stuck', 1), sampleEvent('fine', 1), sampleEvent('stuck', 2), sampleEvent('fine', 2)),
    );
    const relay = relayWith(events);
    const result = await relay.runOnce();
    expect(result).toEqual({ claimed: 4, delivered: 2, failed: 1 });
    expect(events.ids()).toEqual([ok1.id, ok2.id]);
    expect((await store.get(s2.id))?.attempts).toBe(0);

    events.failSubjects.clear();
    clock += 5_000;
    await relay.runOnce();
    expect(events.ids()).toEqual([ok1.id, ok2.id, s1.id, s2.id]);
  });

  it('never delivers a row twice to a target when two relays run at once', async () => {
    const events = new RecordingEventsService();
    events.delayMs = 2;
    const producer = new RecordingProducer();
    await knex.transaction(trx =>
      publisher.publish(trx, ...Array.from({ length: 60 }, (_, i) => sampleEvent(`s${i % 5}`, i))),
    );
    await Promise.all([relayWith(events, producer).runOnce(), relayWith(events, producer).runOnce()]);
    await relayWith(events, producer).runOnce();
    const ids = events.ids();
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    const kafkaIds = producer.sent
      .filter(m => m.topic === 'portico.promotion-requests')
      .map(m => JSON.parse(m.value).id);
    expect(new Set(kafkaIds).size).toBe(kafkaIds.length);
    expect(kafkaIds).toHaveLength(60);
  });

  it('reports pending rows, lag and failures as metrics', async () => {
    const events = new RecordingEventsService();
    events.failSubjects.add('m');
    await knex.transaction(trx => publisher.publish(trx, sampleEvent('m', 1)));
    await relayWith(events, undefined, 'metrics-test').runOnce();
    const text = await porticoRegistry.metrics();
    expect(text).toContain('portico_outbox_pending_events{plugin="metrics-test"} 1');
    expect(text).toContain('portico_outbox_failing_events{plugin="metrics-test"} 1');
    expect(text).toMatch(/portico_events_failed_total\{plugin="metrics-test",target="events",topic="promotion-requests"\} \d+/);
    expect(text).toMatch(/portico_outbox_lag_seconds\{plugin="metrics-test"\} [0-9.]+/);
  });
});
