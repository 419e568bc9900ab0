import { mockServices } from '@backstage/backend-test-utils';
import type { EventParams } from '@backstage/plugin-events-node';
import type { OutboxRow } from '../outbox/OutboxStore';
import { recordingAuditor } from '../__testUtils__/fakes';
import { EventsServiceTarget } from './EventsServiceTarget';

function row(subject: string, n: number): OutboxRow {
  return {
    seq: n,
    event: {
      id: `${subject}-${n}`,
      specversion: '1.0',
      topic: 'promotion-requests',
      type: 'request-created',
      actor: 'user:default/alice',
      subject,
      traceId: 't',
      occurredAt: new Date(0).toISOString(),
      data: { n },
    } as OutboxRow['event'],
    createdAt: 0,
    delivered: { events: undefined, kafka: undefined },
    attempts: 0,
    eventFailures: 0,
    nextAttemptAt: 0,
  };
}

/** An events service whose subscribers take `ms` per event, recording starts and ends. */
function slowEvents(ms: number, failOn?: string) {
  const log: string[] = [];
  let running = 0;
  let most = 0;
  const events = mockServices.events.mock({
    publish: async ({ eventPayload }: EventParams) => {
      const { id } = eventPayload as { id: string };
      running++;
      most = Math.max(most, running);
      log.push(`start ${id}`);
      await new Promise(resolve => setTimeout(resolve, ms));
      running--;
      log.push(`end ${id}`);
      if (id === failOn) throw new Error(`subscriber refused ${id}`);
    },
  });
  return { events, log, most: () => most };
}

describe('EventsServiceTarget', () => {
  it('delivers a subject in order, one after the other, and subjects side by side', async () => {
    const { events, log, most } = slowEvents(20);
    const target = new EventsServiceTarget(
      events,
      recordingAuditor().auditor,
      4,
    );
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap(subject => [
      row(subject, 1),
      row(subject, 2),
      row(subject, 3),
    ]);
    const result = await target.deliver(rows);
    expect(result).toEqual({
      delivered: rows.map(r => r.event.id),
      failed: [],
    });
    expect(most()).toBe(4);
    for (const subject of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const mine = log.filter(
        entry =>
          entry.endsWith(` ${subject}-1`) ||
          entry.endsWith(` ${subject}-2`) ||
          entry.endsWith(` ${subject}-3`),
      );
      expect(mine).toEqual([
        `start ${subject}-1`,
        `end ${subject}-1`,
        `start ${subject}-2`,
        `end ${subject}-2`,
        `start ${subject}-3`,
        `end ${subject}-3`,
      ]);
    }
  });

  it('holds the rest of a subject after a failure, and only that subject', async () => {
    const { events, log } = slowEvents(1, 'a-2');
    const target = new EventsServiceTarget(events, recordingAuditor().auditor);
    const rows = [
      row('a', 1),
      row('b', 1),
      row('a', 2),
      row('b', 2),
      row('a', 3),
    ];
    const result = await target.deliver(rows);
    expect(result.delivered).toEqual(['a-1', 'b-1', 'b-2']);
    expect(result.failed).toEqual([
      { id: 'a-2', error: expect.stringContaining('subscriber refused a-2') },
    ]);
    expect(log).not.toContain('start a-3');
  });
});
