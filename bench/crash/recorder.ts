/*
 * Bench fixture: a subscriber of every Portico topic on Backstage's events service (the
 * relays' `events` target) that appends each event it receives to PORTICO_CRASH_RECORD, one
 * JSON line each, written synchronously: what a killed process received before it died stays
 * on disk. bench/crash.ts compares the file with the outboxes; bench/soak.ts reads the relay
 * lag from it (received minus occurred).
 */
import fs from 'fs';
import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { PORTICO_TOPICS } from '@portico/plugin-portico-common';

export default createBackendModule({
  pluginId: 'portico',
  moduleId: 'crash-recorder',
  register(reg) {
    reg.registerInit({
      deps: { events: eventsServiceRef, logger: coreServices.logger },
      async init({ events, logger }) {
        const file = process.env.PORTICO_CRASH_RECORD;
        if (!file) throw new Error('PORTICO_CRASH_RECORD: the file to record delivered events in');
        logger.info(`Crash bench: recording delivered events in ${file}`);
        await events.subscribe({
          id: 'portico-crash-recorder',
          topics: [...PORTICO_TOPICS],
          async onEvent({ topic, eventPayload }) {
            const event = eventPayload as { id?: string; type?: string; subject?: string; occurredAt?: string };
            fs.appendFileSync(file, `${JSON.stringify({ topic, id: event.id, type: event.type, subject: event.subject, occurredAt: event.occurredAt, receivedAt: new Date().toISOString(), pid: process.pid })}\n`);
          },
        });
      },
    });
  },
});
