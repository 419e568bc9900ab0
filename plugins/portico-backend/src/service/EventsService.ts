import { InputError, NotFoundError, ConflictError } from '@backstage/errors';
import type {
  DeliveryState,
  EventsPage,
  EventsQuery,
  OutboxEventView,
} from '@portico/plugin-portico-common';
import type { DeliveryTarget, OutboxRegistry, OutboxRow } from '@portico/portico-node';

interface Cursor {
  occurredAt: number;
  plugin: string;
  seq: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      typeof parsed.occurredAt === 'number' &&
      typeof parsed.plugin === 'string' &&
      typeof parsed.seq === 'number'
    ) {
      return parsed;
    }
  } catch {
    // fall through
  }
  throw new InputError('cursor: not a cursor returned by this endpoint');
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/**
 * The events page's view over every plugin's outbox: one list, newest first, across plugins
 * (ordered by time, then plugin, then write order), with the delivery state of each event.
 */
export class PorticoEventsQueryService {
  constructor(
    private readonly registry: OutboxRegistry,
    private readonly targets: DeliveryTarget[],
  ) {}

  toView(plugin: string, row: OutboxRow): OutboxEventView {
    let state: DeliveryState = 'pending';
    if (row.deliveredAt !== undefined) state = 'delivered';
    else if (row.deadAt !== undefined) state = 'dead-letter';
    else if (row.attempts > 0) state = 'failing';
    return {
      plugin,
      event: row.event,
      state,
      attempts: row.attempts,
      lastError: row.lastError,
      nextAttemptAt: state === 'delivered' || state === 'dead-letter' || row.nextAttemptAt === 0 ? undefined : iso(row.nextAttemptAt),
      deliveredAt: iso(row.deliveredAt),
      targets: Object.fromEntries(
        this.targets.map(target => [target, iso(row.delivered[target]) ?? null]),
      ),
    };
  }

  async list(query: EventsQuery): Promise<EventsPage> {
    const plugins = this.registry.plugins();
    if (query.plugin && !plugins.includes(query.plugin)) {
      throw new InputError(`plugin: no outbox named '${query.plugin}' (known: ${plugins.join(', ') || 'none'})`);
    }
    const from = query.from ? Date.parse(query.from) : undefined;
    const to = query.to ? Date.parse(query.to) : undefined;
    if (from !== undefined && to !== undefined && from > to) {
      throw new InputError('from: must not be after to');
    }
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const selected = query.plugin ? [query.plugin] : plugins;

    const perPlugin = await Promise.all(
      selected.map(async plugin => {
        let before: { occurredAt: number; seq: number } | undefined;
        if (cursor) {
          if (plugin < cursor.plugin) before = { occurredAt: cursor.occurredAt, seq: Number.MAX_SAFE_INTEGER };
          else if (plugin === cursor.plugin) before = { occurredAt: cursor.occurredAt, seq: cursor.seq };
          else before = { occurredAt: cursor.occurredAt, seq: 0 };
        }
        const rows = await this.registry.get(plugin)!.list({
          topic: query.topic,
          type: query.type,
          subject: query.subject,
          state: query.state,
          from,
          to,
          limit: query.limit + 1,
          before,
        });
        return rows.map(row => ({ plugin, row }));
      }),
    );
    const merged = perPlugin
      .flat()
      .sort((a, b) => {
        const ta = Date.parse(a.row.event.occurredAt);
        const tb = Date.parse(b.row.event.occurredAt);
        if (ta !== tb) return tb - ta;
        if (a.plugin !== b.plugin) return a.plugin < b.plugin ? 1 : -1;
        return b.row.seq - a.row.seq;
      });
    const page = merged.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ plugin, row }) => this.toView(plugin, row)),
      nextCursor:
        merged.length > query.limit && last
          ? encodeCursor({
              occurredAt: Date.parse(last.row.event.occurredAt),
              plugin: last.plugin,
              seq: last.row.seq,
            })
          : undefined,
      plugins,
    };
  }

  async get(plugin: string, id: string): Promise<OutboxEventView> {
    const store = this.registry.get(plugin);
    const row = store ? await store.get(id) : undefined;
    if (!row) throw new NotFoundError(`No event ${id} in the outbox of '${plugin}'`);
    return this.toView(plugin, row);
  }

  async retry(plugin: string, id: string): Promise<void> {
    const store = this.registry.get(plugin);
    if (!store) throw new NotFoundError(`No outbox named '${plugin}'`);
    const outcome = await store.retryNow(id);
    if (outcome === 'not-found') throw new NotFoundError(`No event ${id} in the outbox of '${plugin}'`);
    if (outcome === 'delivered') throw new ConflictError(`Event ${id} is already delivered`);
  }
}
