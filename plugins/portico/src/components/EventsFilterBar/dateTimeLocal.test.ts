import { fromDateTimeLocal, toDateTimeLocal } from './dateTimeLocal';

describe('datetime-local values', () => {
  it('turns an input value (local time) into the ISO time the server expects', () => {
    expect(fromDateTimeLocal('2025-06-01T09:30')).toBe(
      new Date(2025, 5, 1, 9, 30).toISOString(),
    );
  });

  it('shows an ISO time in local time, to the minute', () => {
    const iso = new Date(2025, 5, 1, 9, 30, 45).toISOString();
    expect(toDateTimeLocal(iso)).toBe('2025-06-01T09:30');
  });

  it('goes round trip', () => {
    expect(toDateTimeLocal(fromDateTimeLocal('2025-12-31T23:59'))).toBe(
      '2025-12-31T23:59',
    );
  });

  it('leaves the filter unset for an empty or invalid value', () => {
    expect(fromDateTimeLocal('')).toBeUndefined();
    expect(fromDateTimeLocal('2025-13-45T99:99')).toBeUndefined();
    expect(toDateTimeLocal(undefined)).toBe('');
    expect(toDateTimeLocal('tomorrow')).toBe('');
  });
});
