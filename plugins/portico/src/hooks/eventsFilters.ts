import {
  DeliveryState,
  EventsQuery,
  isPorticoTopic,
} from '@portico/plugin-portico-common';

/** What the operator narrowed the events page to; every filter optional. */
export type EventsFilters = Pick<
  EventsQuery,
  'plugin' | 'topic' | 'type' | 'subject' | 'state' | 'from' | 'to'
>;

export const DELIVERY_STATES: readonly DeliveryState[] = [
  'pending',
  'delivered',
  'failing',
  'dead-letter',
];

function isDeliveryState(value: string | undefined): value is DeliveryState {
  return DELIVERY_STATES.some(state => state === value);
}

/**
 * Reads filters from the query string, which anyone can edit: anything that is not a
 * non-blank string is dropped, and the two closed lists (topic, state) keep known values only.
 * The other fields go to the server as they are, which says what is wrong with them.
 */
export function parseEventsFilters(raw: unknown): EventsFilters {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return {};
  }
  const values = raw as Record<string, unknown>;
  const text = (name: keyof EventsFilters): string | undefined => {
    const value = values[name];
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  };
  const topic = text('topic');
  const state = text('state');
  return compactEventsFilters({
    plugin: text('plugin'),
    topic: topic && isPorticoTopic(topic) ? topic : undefined,
    type: text('type'),
    subject: text('subject'),
    state: isDeliveryState(state) ? state : undefined,
    from: text('from'),
    to: text('to'),
  });
}

/** The filters without the unset ones, so that URLs and requests carry only what is set. */
export function compactEventsFilters(filters: EventsFilters): EventsFilters {
  const compact: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) {
    if (typeof value === 'string' && value !== '') {
      compact[name] = value;
    }
  }
  return compact as EventsFilters;
}

export function hasEventsFilters(filters: EventsFilters): boolean {
  return Object.keys(compactEventsFilters(filters)).length > 0;
}
