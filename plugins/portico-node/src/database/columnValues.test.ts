import { num, optBool, optJson, optNum, optStr } from './columnValues';

describe('column values', () => {
  it('reads PostgreSQL bigint strings and SQLite 0/1 the same as numbers and booleans', () => {
    expect(num('1700000000000')).toBe(1700000000000);
    expect(optNum('42')).toBe(42);
    expect(optBool(0)).toBe(false);
    expect(optBool(1)).toBe(true);
    expect(optJson('{"a":[1]}')).toEqual({ a: [1] });
    expect(optStr(7)).toBe('7');
  });

  it('reads NULL as undefined', () => {
    for (const read of [optNum, optStr, optBool, optJson]) {
      expect(read(null)).toBeUndefined();
      expect(read(undefined)).toBeUndefined();
    }
    expect(optNum(0)).toBe(0);
  });
});
