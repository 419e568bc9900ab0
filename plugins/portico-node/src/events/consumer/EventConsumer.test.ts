import type { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import type { EventsServiceSubscribeOptions } from '@backstage/plugin-events-node';
import { porticoOutboxDeadLetterMigration, porticoOutboxMigration } from '../outbox/outboxMigration';
import { toPorticoEvent } from '../outbox/publishEvent';
import { EventConsumer } from './EventConsumer';
import { subscribeToPorticoEvents } from './subscribe';
import { sampleEvent } from '../__testUtils__/fakes';

const databases = createPorticoTestDatabases();
jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())('consuming events on %s', databaseId => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await porticoOutboxMigration.up(knex);
    await porticoOutboxDeadLetterMigration.up(knex);
    await knex.schema.createTable('approvals_seen', t => {
      t.string('event_id').primary();
    });
  });

  const record = async (event: { id: string }, trx: Knex.Transaction) => {
    await trx('approvals_seen').insert({ event_id: event.id });
  };

  it('processes an event once and skips its duplicate', async () => {
    const consumer = new EventConsumer(knex, 'notifications:promotions');
    const event = toPorticoEvent(sampleEvent('promotion:7', 1));
    await expect(consumer.handle(event, record)).resolves.toBe('processed');
    await expect(consumer.handle(event, record)).resolves.toBe('duplicate');
    expect(await knex('approvals_seen').select()).toEqual([{ event_id: event.id }]);
  });

  it('leaves no trace when the handler fails, so a redelivery runs it again', async () => {
    const consumer = new EventConsumer(knex, 'c1');
    const event = toPorticoEvent(sampleEvent('promotion:8', 1));
    await expect(
      consumer.handle(event, async (e, trx) => {
        await record(e, trx);
        throw new Error('Slack is down');
      }),
    ).rejects.toThrow('Slack is down');
    expect(await consumer.hasProcessed(event.id)).toBe(false);
    expect(await knex('approvals_seen').select()).toEqual([]);
    await expect(consumer.handle(event, record)).resolves.toBe('processed');
  });

  it('keeps consumers apart: the same event is new to another consumer', async () => {
    const event = toPorticoEvent(sampleEvent('promotion:9', 1));
    await new EventConsumer(knex, 'a').handle(event, async () => {});
    await expect(new EventConsumer(knex, 'b').handle(event, async () => {})).resolves.toBe('processed');
  });

  it('retries an event whose handler failed on the events service, until it succeeds', async () => {
    let onEvent: EventsServiceSubscribeOptions['onEvent'] | undefined;
    let retryTask: (() => Promise<void>) | undefined;
    const events = {
      publish: jest.fn(),
      subscribe: jest.fn(async (options: EventsServiceSubscribeOptions) => {
        onEvent = options.onEvent;
      }),
    };
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: jest.fn(async task => {
        retryTask = task.fn as () => Promise<void>;
      }),
    });
    let failures = 1;
    const handled: string[] = [];
    await subscribeToPorticoEvents({
      consumer: 'test-consumer',
      topics: ['promotion-requests'],
      database: knex,
      events,
      scheduler,
      logger: mockServices.logger.mock(),
      retry: { initialSeconds: 0.001 },
      onEvent: async event => {
        if (failures-- > 0) throw new Error('first try fails');
        handled.push(event.id);
      },
    });
    const event = toPorticoEvent(sampleEvent('promotion:10', 1));
    await onEvent!({ topic: 'promotion-requests', eventPayload: event });
    expect(handled).toEqual([]);

    await new Promise(r => setTimeout(r, 5));
    await retryTask!();
    expect(handled).toEqual([event.id]);

    // A late redelivery of the same event through the events service is skipped.
    await onEvent!({ topic: 'promotion-requests', eventPayload: event });
    await retryTask!();
    expect(handled).toEqual([event.id]);
  });

  it('prepares outside the transaction, once per event, and passes the result in', async () => {
    let onEvent: EventsServiceSubscribeOptions['onEvent'] | undefined;
    const prepared: string[] = [];
    const seen: Array<[string, string]> = [];
    // SQLite in memory has one connection: a transaction open during prepare would block this read.
    const outsideTransaction = async () => (await knex('approvals_seen').select()).length;
    await subscribeToPorticoEvents({
      consumer: 'with-prepare',
      topics: ['promotion-requests'],
      database: knex,
      events: { publish: jest.fn(), subscribe: async o => void (onEvent = o.onEvent) },
      scheduler: mockServices.scheduler.mock(),
      logger: mockServices.logger.mock(),
      prepare: async event => {
        await outsideTransaction();
        prepared.push(event.id);
        return `ticket-for-${event.id}`;
      },
      onEvent: async (event, trx, ticket) => {
        await record(event, trx);
        seen.push([event.id, ticket]);
      },
    });
    const event = toPorticoEvent(sampleEvent('promotion:11', 1));
    await onEvent!({ topic: 'promotion-requests', eventPayload: event });
    await onEvent!({ topic: 'promotion-requests', eventPayload: event });
    expect(prepared).toEqual([event.id]);
    expect(seen).toEqual([[event.id, `ticket-for-${event.id}`]]);
  });

  it('ignores a payload that is not a Portico event', async () => {
    let onEvent: EventsServiceSubscribeOptions['onEvent'] | undefined;
    const handler = jest.fn();
    await subscribeToPorticoEvents({
      consumer: 'strict',
      topics: ['promotion-requests'],
      database: knex,
      events: { publish: jest.fn(), subscribe: async o => void (onEvent = o.onEvent) },
      scheduler: mockServices.scheduler.mock(),
      logger: mockServices.logger.mock(),
      onEvent: handler,
    });
    await onEvent!({ topic: 'promotion-requests', eventPayload: { hello: 'world' } });
    expect(handler).not.toHaveBeenCalled();
  });
});
