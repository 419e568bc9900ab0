import type { Knex } from 'knex';
import type { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import {
  PorticoEvent,
  porticoEventSchema,
  PorticoTopic,
} from '@portico/plugin-portico-common';
import { EventConsumer } from './EventConsumer';
import { errorMessage } from '../relay/RelayTarget';

export interface SubscribeOptions<Prepared = undefined> {
  /** A stable name, unique per consuming plugin and purpose, e.g. `notifications:promotions`. */
  consumer: string;
  topics: PorticoTopic[];
  /** The consumer's own database (with the outbox migration applied). */
  database: Knex;
  events: EventsService;
  scheduler: SchedulerService;
  logger: LoggerService;
  /**
   * Work outside the transaction, before it opens: a call to another plugin. That plugin checks
   * this plugin's token against its keys, read from this plugin's database; a transaction held
   * across the call can starve the pool (an in-memory SQLite database has one connection).
   * Skipped for an event already processed; its result reaches `onEvent`; a throw retries.
   */
  prepare?: (event: PorticoEvent) => Promise<Prepared>;
  /** Runs inside the transaction that records the event as processed. */
  onEvent: (event: PorticoEvent, trx: Knex.Transaction, prepared: Prepared) => Promise<void>;
  retry?: { initialSeconds?: number; maxSeconds?: number; intervalSeconds?: number };
}

/**
 * Subscribes to Portico events on Backstage's events service with duplicate detection and
 * retries. Backstage's events service logs and drops an event whose subscriber throws; here
 * the event is kept in the consumer's database and retried with back-off until it succeeds.
 */
export async function subscribeToPorticoEvents<Prepared = undefined>(
  options: SubscribeOptions<Prepared>,
): Promise<EventConsumer> {
  const consumer = new EventConsumer(options.database, options.consumer);
  const initial = (options.retry?.initialSeconds ?? 5) * 1000;
  const max = (options.retry?.maxSeconds ?? 600) * 1000;
  const nextAttempt = (attempts: number) => Date.now() + Math.min(max, initial * 2 ** (attempts - 1));

  const process = async (event: PorticoEvent, attempts: number) => {
    try {
      let prepared = undefined as Prepared;
      if (options.prepare) {
        if (await consumer.hasProcessed(event.id)) {
          options.logger.debug(`${options.consumer}: skipped duplicate event ${event.id}`);
          return;
        }
        prepared = await options.prepare(event);
      }
      const outcome = await consumer.handle(event, (e, trx) => options.onEvent(e, trx, prepared));
      if (outcome === 'duplicate') {
        options.logger.debug(`${options.consumer}: skipped duplicate event ${event.id}`);
      }
    } catch (error) {
      options.logger.warn(
        `${options.consumer}: processing event ${event.id} (${event.topic}/${event.type}) failed, will retry: ${errorMessage(error)}`,
      );
      await consumer.deferRetry(event, errorMessage(error), nextAttempt(attempts));
    }
  };

  await options.events.subscribe({
    id: options.consumer,
    topics: options.topics,
    onEvent: async params => {
      const parsed = porticoEventSchema.safeParse(params.eventPayload);
      if (!parsed.success) {
        options.logger.warn(
          `${options.consumer}: ignored a malformed event on ${params.topic}: ${parsed.error.message}`,
        );
        return;
      }
      await process(parsed.data, 1);
    },
  });

  await options.scheduler.scheduleTask({
    id: `portico-consumer-retries:${options.consumer}`,
    frequency: { seconds: options.retry?.intervalSeconds ?? 10 },
    timeout: { minutes: 5 },
    scope: 'global',
    fn: async () => {
      for (const { event, attempts } of await consumer.dueRetries(Date.now())) {
        await process(event, attempts + 1);
      }
      await consumer.prune(Date.now() - 30 * 86400_000);
    },
  });

  return consumer;
}
