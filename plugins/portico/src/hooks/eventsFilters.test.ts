import {
  compactEventsFilters,
  hasEventsFilters,
  parseEventsFilters,
} from './eventsFilters';

describe('parseEventsFilters', () => {
  it('keeps the filters a shared link carries', () => {
    expect(
      parseEventsFilters({
        plugin: 'apim',
        topic: 'promotion-requests',
        type: 'request-approved',
        subject: ' promotion:pr-7 ',
        state: 'failing',
        from: '2025-06-01T00:00:00.000Z',
        to: '2025-06-02T00:00:00.000Z',
      }),
    ).toEqual({
      plugin: 'apim',
      topic: 'promotion-requests',
      type: 'request-approved',
      subject: 'promotion:pr-7',
      state: 'failing',
      from: '2025-06-01T00:00:00.000Z',
      to: '2025-06-02T00:00:00.000Z',
    });
  });

  it('drops unknown topics and states, blanks, nested values and unknown keys', () => {
    expect(
      parseEventsFilters({
        topic: 'not-a-topic',
        state: 'lost',
        subject: '   ',
        plugin: ['apim', 'promotions'],
        type: { nested: 'x' },
        colour: 'red',
        from: 'yesterday',
      }),
    ).toEqual({ from: 'yesterday' });
  });

  it('reads nothing from a query string without filters', () => {
    expect(parseEventsFilters(undefined)).toEqual({});
    expect(parseEventsFilters('state=failing')).toEqual({});
    expect(parseEventsFilters(['failing'])).toEqual({});
  });
});

describe('compactEventsFilters', () => {
  it('leaves out unset filters', () => {
    expect(
      compactEventsFilters({ plugin: 'apim', type: undefined, subject: '' }),
    ).toEqual({ plugin: 'apim' });
    expect(hasEventsFilters({ type: undefined })).toBe(false);
    expect(hasEventsFilters({ state: 'pending' })).toBe(true);
  });
});
