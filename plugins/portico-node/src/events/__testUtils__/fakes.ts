import type { AuditorService } from '@backstage/backend-plugin-api';
import type { EventParams, EventsService } from '@backstage/plugin-events-node';
import type { PorticoEventInput } from '@portico/plugin-portico-common';
import type { EventProducer, ProducerMessage } from '../kafka/EventProducer';

/** Records what reaches Backstage's events service; can be told to fail for a subject. */
export class RecordingEventsService implements EventsService {
  readonly published: EventParams[] = [];
  failSubjects = new Set<string>();
  delayMs = 0;

  async publish(params: EventParams): Promise<void> {
    if (this.delayMs) await new Promise(r => setTimeout(r, this.delayMs));
    const subject = (params.eventPayload as { subject?: string }).subject ?? '';
    if (this.failSubjects.has(subject)) throw new Error(`subscriber down for ${subject}`);
    this.published.push(params);
  }

  async subscribe(): Promise<void> {}

  ids(): string[] {
    return this.published.map(p => (p.eventPayload as { id: string }).id);
  }
}

export const recordingAuditor = () => {
  const records: unknown[] = [];
  const auditor: AuditorService = {
    async createEvent(options) {
      return {
        success: async () => {
          records.push(options.meta);
        },
        fail: async () => {},
      };
    },
  };
  return { auditor, records };
};

/** A producer double at the kafkajs boundary: keeps what was sent, in order. */
export class RecordingProducer implements EventProducer {
  readonly sent: ProducerMessage[] = [];
  failWith?: Error;
  /** Like a broker refusing one message (too large, bad topic): the whole send fails. */
  rejectMessage?: (message: ProducerMessage) => Error | undefined;
  sends = 0;

  async send(messages: ProducerMessage[]): Promise<void> {
    this.sends++;
    if (this.failWith) throw this.failWith;
    for (const message of messages) {
      const error = this.rejectMessage?.(message);
      if (error) throw error;
    }
    this.sent.push(...messages);
  }

  eventIds(topic: string): string[] {
    return this.sent.filter(m => m.topic === topic).map(m => JSON.parse(m.value).id);
  }

  async disconnect(): Promise<void> {}
}

export function sampleEvent(subject: string, n: number): PorticoEventInput {
  return {
    topic: 'promotion-requests',
    type: 'request-created',
    actor: 'user:default/alice',
    subject,
    tenant: 'acme',
    data: { n },
  };
}
