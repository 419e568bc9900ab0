import type { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { porticoOutboxDeadLetterMigration, porticoOutboxMigration } from '../outbox/outboxMigration';
import { KnexOutboxStore } from '../outbox/KnexOutboxStore';
import { OutboxPublisher } from '../outbox/publishEvent';
import { ProducerMessageError } from '../kafka/EventProducer';
import type { EventProducer } from '../kafka/EventProducer';
import { porticoRegistry } from '../../metrics/registry';
import { OutboxRelay } from './OutboxRelay';
import { EventsServiceTarget } from './EventsServiceTarget';
import { KafkaTarget } from './KafkaTarget';
import { readRelaySettings } from './relayConfig';
import {
  RecordingEventsService,
  RecordingProducer,
  recordingAuditor,
  sampleEvent,
} from '../__testUtils__/fakes';

const databases = createPorticoTestDatabases();
jest.setTimeout(60_000);

const settings = readRelaySettings(
  new ConfigReader({
    portico: {
      events: { relay: { batchSize: 5, maxAttempts: 3, backoff: { initialSeconds: 1, maxSeconds: 4 } } },
    },
  }),
);

it('runs on both engines', () => {
  expect(databases.eachSupportedId().flat()).toEqual(expect.arrayContaining(['SQLITE_3', 'POSTGRES_15']));
});

describe.each(databases.eachSupportedId())('Outbox dead letter on %s', databaseId => {
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

  function relayWith(events: RecordingEventsService, producer?: EventProducer, pluginId = 'dl-test') {
    const targets: any[] = [new EventsServiceTarget(events, recordingAuditor().auditor)];
    if (producer) targets.push(new KafkaTarget(producer, 'portico.'));
    return new OutboxRelay({ pluginId, store, targets, settings, logger, now: () => clock });
  }

  /** Passes until nothing more is due, moving the clock past every back-off. */
  async function drain(relay: OutboxRelay, passes = 12) {
    for (let i = 0; i < passes; i++) {
      await relay.runOnce();
      clock += 5_000;
    }
  }

  it('does not let a window full of backed-off rows starve the rows behind it', async () => {
    const events = new RecordingEventsService();
    // More failing subjects than a batch holds, all written first.
    for (let i = 0; i < 6; i++) events.failSubjects.add(`bad${i}`);
    await knex.transaction(trx =>
      publisher.publish(trx, ...Array.from({ length: 6 }, (_, i) => sampleEvent(`bad${i}`, i))),
    );
    const relay = relayWith(events);
    await relay.runOnce();
    await relay.runOnce();
    // Every bad row is now in back-off; good rows arrive behind them.
    const good = await knex.transaction(trx =>
      publisher.publish(trx, sampleEvent('good', 1), sampleEvent('good', 2)),
    );
    const pass = await relay.runOnce();
    expect(pass.delivered).toBe(2);
    expect(events.ids()).toEqual(good.map(e => e.id));
  });

  it('parks a poison event refused by Kafka, lets the other subjects flow, holds its own subject', async () => {
    const events = new RecordingEventsService();
    const kafka = new RecordingProducer();
    let poisonId = '';
    kafka.rejectMessage = m =>
      m.headers['portico-event-id'] === poisonId
        ? new ProducerMessageError('MESSAGE_TOO_LARGE: the message is larger than the broker accepts')
        : undefined;
    const [before, poison, other, after] = await knex.transaction(trx =>
      publisher.publish(
        trx,
        sampleEvent('other', 0),
        sampleEvent('poisoned', 1),
        sampleEvent('other', 2),
        sampleEvent('poisoned', 3),
      ),
    );
    poisonId = poison.id;
    const relay = relayWith(events, kafka);

    const first = await relay.runOnce();
    // One refused message does not hold the batch: the other subject's events landed.
    expect(kafka.eventIds('portico.promotion-requests')).toEqual([before.id, other.id]);
    expect(first).toEqual({ claimed: 4, delivered: 2, failed: 1 });
    expect((await store.get(after.id))?.attempts).toBe(0);

    await drain(relay);
    const parked = await store.get(poison.id);
    expect(parked?.deadAt).toBeDefined();
    expect(parked?.attempts).toBe(3);
    expect(parked?.lastError).toBe(
      'kafka: ProducerMessageError: MESSAGE_TOO_LARGE: the message is larger than the broker accepts',
    );
    // Its subject's later event waits behind it: order per subject is kept.
    expect((await store.get(after.id))?.deliveredAt).toBeUndefined();
    expect(await store.stats()).toEqual(expect.objectContaining({ deadLetter: 1, pending: 1 }));
    expect((await store.list({ state: 'dead-letter', limit: 10 })).map(r => r.event.id)).toEqual([poison.id]);
    expect((await store.list({ state: 'pending', limit: 10 })).map(r => r.event.id)).toEqual([after.id]);
    const attemptsWhenParked = kafka.sends;
    await drain(relay, 3);
    expect(kafka.sends).toBe(attemptsWhenParked);

    const text = await porticoRegistry.metrics();
    expect(text).toContain('portico_outbox_dead_letter_events{plugin="dl-test"} 1');

    // Fixed (e.g. the broker's limit raised): Retry delivers it, then its subject's next event.
    kafka.rejectMessage = undefined;
    expect(await store.retryNow(poison.id)).toBe('scheduled');
    await relay.runOnce();
    expect(kafka.eventIds('portico.promotion-requests')).toEqual([before.id, other.id, poison.id, after.id]);
    expect(events.ids()).toEqual([before.id, poison.id, other.id, after.id]);
    expect(await store.stats()).toEqual(expect.objectContaining({ deadLetter: 0, pending: 0 }));
    await relay.runOnce();
    expect(await porticoRegistry.metrics()).toContain('portico_outbox_dead_letter_events{plugin="dl-test"} 0');
  });

  it('parks an event a subscriber keeps failing on while the events service delivers others', async () => {
    const events = new RecordingEventsService();
    events.failSubjects.add('poisoned');
    const [poison] = await knex.transaction(trx =>
      publisher.publish(trx, sampleEvent('poisoned', 1), sampleEvent('fine', 1)),
    );
    const relay = relayWith(events);
    await relay.runOnce();
    // Later passes retry the poison alone; the target proved healthy since its last failure.
    const outbox = publisher;
    for (let i = 0; i < 4; i++) {
      clock += 5_000;
      await knex.transaction(trx => outbox.publish(trx, sampleEvent(`fine${i}`, i)));
      await relay.runOnce();
    }
    expect((await store.get(poison.id))?.deadAt).toBeDefined();
    expect(events.ids()).toHaveLength(5);
  });

  it('never parks anything while Kafka is down as a whole', async () => {
    const events = new RecordingEventsService();
    const kafka = new RecordingProducer();
    kafka.failWith = new Error('KafkaJSConnectionError: Connection refused');
    const written = await knex.transaction(trx =>
      publisher.publish(trx, ...Array.from({ length: 4 }, (_, i) => sampleEvent(`s${i}`, i))),
    );
    const relay = relayWith(events, kafka);
    await drain(relay, 10);
    const stats = await store.stats();
    expect(stats).toEqual(expect.objectContaining({ deadLetter: 0, pending: 4, failing: 4 }));
    expect((await store.get(written[0].id))!.attempts).toBeGreaterThan(3);

    kafka.failWith = undefined;
    await drain(relay, 2);
    expect(kafka.eventIds('portico.promotion-requests')).toEqual(written.map(e => e.id));
  });

  it('retry refuses a delivered row and makes a parked row due', async () => {
    const events = new RecordingEventsService();
    const [e] = await knex.transaction(trx => publisher.publish(trx, sampleEvent('x', 1)));
    await relayWith(events).runOnce();
    expect(await store.retryNow(e.id)).toBe('delivered');
    expect(await store.retryNow('00000000-0000-4000-8000-000000000000')).toBe('not-found');
  });
});
