import { formatAbsoluteTime, formatRelativeTime } from './formatTime';

describe('formatRelativeTime', () => {
  const now = new Date('2025-06-01T12:00:00.000Z');

  it.each([
    ['2025-06-01T12:00:00.000Z', 'now'],
    ['2025-06-01T11:59:30.000Z', '30 seconds ago'],
    ['2025-06-01T11:55:00.000Z', '5 minutes ago'],
    ['2025-06-01T09:00:00.000Z', '3 hours ago'],
    ['2025-05-31T12:00:00.000Z', 'yesterday'],
    ['2025-05-18T12:00:00.000Z', '2 weeks ago'],
    ['2025-06-01T12:05:00.000Z', 'in 5 minutes'],
  ])('says %s is %s', (time, expected) => {
    expect(formatRelativeTime(time, now)).toBe(expected);
  });

  it('gives back what does not parse as a time', () => {
    expect(formatRelativeTime('not a time', now)).toBe('not a time');
  });
});

describe('formatAbsoluteTime', () => {
  it('shows the local time and the exact ISO time', () => {
    const iso = '2025-06-01T10:00:00.000Z';
    expect(formatAbsoluteTime(iso)).toBe(
      `${new Date(iso).toLocaleString()} (${iso})`,
    );
  });
});
