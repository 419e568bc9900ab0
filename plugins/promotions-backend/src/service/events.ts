import type { Knex } from 'knex';
import type {
  PorticoEvent,
  PorticoEventInput,
} from '@portico/plugin-portico-common';

/** Writes domain events into the outbox inside the caller's transaction (PorticoEvents.publish). */
export interface EventPublisher {
  publish(
    trx: Knex.Transaction,
    ...events: PorticoEventInput[]
  ): Promise<PorticoEvent[]>;
}

/** The actor of what the promotions plugin does on its own (deploy after approval, timeouts, the follower). */
export const SYSTEM_ACTOR = 'system:promotions';
