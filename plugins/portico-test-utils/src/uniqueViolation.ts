/**
 * Waits for `promise` to fail with a unique-constraint violation (SQLite or PostgreSQL) and
 * throws otherwise.
 *
 * Why not `expect(promise).rejects.toThrow()`: better-sqlite3 gives its native addon the
 * SqliteError class once per process, from the first module context that loads it. Jest runs
 * several test files in one worker, each in its own context, so in every later file a
 * SqliteError is neither an `Error` of that file's realm nor a real Error object (it is a
 * function-style subclass), and Jest reports "Received function did not throw" although the
 * insert was refused. The error's `code` and `message` are realm-free.
 */
export async function expectUniqueViolation(
  promise: Promise<unknown>,
): Promise<void> {
  let failure: unknown;
  try {
    await promise;
  } catch (error) {
    failure = error;
  }
  if (failure === undefined) {
    throw new Error(
      'Expected a unique-constraint violation, but the query succeeded',
    );
  }
  const { code, message } = (failure ?? {}) as {
    code?: unknown;
    message?: unknown;
  };
  const unique =
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    (typeof message === 'string' &&
      /UNIQUE constraint failed|duplicate key value/.test(message));
  if (!unique) {
    throw new Error(
      `Expected a unique-constraint violation, got: ${String(
        message ?? failure,
      )} (code ${String(code)})`,
    );
  }
}
