import { shorten } from './shorten';

describe('shorten', () => {
  it('keeps a short one-line error as it is', () => {
    expect(shorten('broker down')).toBe('broker down');
  });

  it('keeps the first line of a stack trace', () => {
    expect(shorten('Error: broker down\n    at connect (kafka.js:1)')).toBe(
      'Error: broker down…',
    );
  });

  it('cuts a long line to the given length, ellipsis included', () => {
    const shortened = shorten('x'.repeat(200), 80);
    expect(shortened).toHaveLength(80);
    expect(shortened.endsWith('…')).toBe(true);
  });
});
