import { expectUniqueViolation } from './uniqueViolation';

describe('expectUniqueViolation', () => {
  it('accepts the SQLite and PostgreSQL unique violations, whatever their class', async () => {
    await expect(
      expectUniqueViolation(
        Promise.reject({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'x' }),
      ),
    ).resolves.toBeUndefined();
    await expectUniqueViolation(
      Promise.reject(Object.assign(new Error('y'), { code: '23505' })),
    );
    await expectUniqueViolation(
      Promise.reject({
        message: 'insert into "t" - UNIQUE constraint failed: t.a, t.b',
      }),
    );
  });

  it('fails when the query succeeds or fails for another reason', async () => {
    await expect(expectUniqueViolation(Promise.resolve(1))).rejects.toThrow(
      /the query succeeded/,
    );
    await expect(
      expectUniqueViolation(Promise.reject(new Error('no such table: t'))),
    ).rejects.toThrow(/got: no such table: t/);
  });
});
