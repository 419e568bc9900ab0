import { z } from 'zod';
import type { PorticoEvent } from './envelope';
import { PORTICO_TOPICS } from './topics';

/**
 * `dead-letter`: refused too often by a target that takes other events; parked with its last
 * error until someone retries it (its subject's later events wait behind it).
 */
export type DeliveryState = 'pending' | 'delivered' | 'failing' | 'dead-letter';

/** One row of a plugin's outbox as the events page shows it. */
export interface OutboxEventView {
  /** The plugin whose outbox holds the event. */
  plugin: string;
  event: PorticoEvent;
  state: DeliveryState;
  /** Failed delivery attempts so far. */
  attempts: number;
  lastError?: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
  /** When each configured target took the event (null: not yet). */
  targets: Record<string, string | null>;
}

export interface EventsPage {
  items: OutboxEventView[];
  /** Pass back as `cursor` for the next (older) page. */
  nextCursor?: string;
  /** The plugins that have an outbox, for the plugin filter. */
  plugins: string[];
}

export const EVENTS_PAGE_MAX_LIMIT = 200;

const optionalText = z.string().trim().min(1).max(255).optional();

/** Query of `GET /api/portico/events`; every filter optional. */
export const eventsQuerySchema = z
  .object({
    plugin: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .optional(),
    topic: z.enum(PORTICO_TOPICS as [string, ...string[]]).optional(),
    type: optionalText,
    subject: optionalText,
    state: z.enum(['pending', 'delivered', 'failing', 'dead-letter']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX_LIMIT).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export type EventsQuery = z.infer<typeof eventsQuerySchema>;
