import { z } from 'zod';
import { isPorticoTopic, PORTICO_TOPICS, TOPIC_TYPES } from './topics';

/** `user:default/alice`, or a service such as `plugin:promotions` or `external:awx`. */
const actorRef = z
  .string()
  .min(3)
  .max(255)
  .regex(/^[a-z][a-z0-9-]*:[^\s]+$/, 'must be an entity ref or a service ref such as plugin:promotions');

/**
 * The envelope of every Portico event, whatever carries it (Backstage events, Kafka).
 * `subject` is the aggregate the event is about (an entity ref or a resource id); it is the
 * Kafka message key, so that events about one subject stay in order.
 */
export const porticoEventSchema = z
  .object({
    id: z.uuid(),
    topic: z.enum(PORTICO_TOPICS as [string, ...string[]]),
    type: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case'),
    occurredAt: z.iso.datetime({ offset: true }),
    actor: actorRef,
    subject: z.string().min(1).max(255),
    tenant: z.string().min(1).max(63).optional(),
    data: z.record(z.string(), z.unknown()),
    traceId: z.string().min(1).max(128),
  })
  .superRefine((event, ctx) => {
    if (isPorticoTopic(event.topic)) {
      const allowed: readonly string[] = TOPIC_TYPES[event.topic];
      if (!allowed.includes(event.type)) {
        ctx.addIssue({
          code: 'custom',
          path: ['type'],
          message: `topic '${event.topic}' carries types ${allowed.join(', ')}, not '${event.type}'`,
        });
      }
    }
  });

export type PorticoEvent = z.infer<typeof porticoEventSchema>;

/** What a plugin provides when it publishes; the id, time and trace id are filled in for it. */
export type PorticoEventInput = Omit<PorticoEvent, 'id' | 'occurredAt' | 'traceId'> & {
  id?: string;
  occurredAt?: string;
  traceId?: string;
};
