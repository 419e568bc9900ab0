import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import type { Knex } from 'knex';
import { approvalsTableMigration, KnexApprovalStore } from './KnexApprovalStore';

const databases = createPorticoTestDatabases();
jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())('KnexApprovalStore on %s', databaseId => {
  let knex: Knex;
  const migration = approvalsTableMigration({ table: 'thing_approvals', subjectTable: 'things' });

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await knex.schema.createTable('things', t => t.string('id', 36).primary());
    await knex('things').insert([{ id: 't1' }, { id: 't2' }]);
    await migration.up(knex);
  });

  it('keeps approvers distinct per subject, whatever the race', async () => {
    const store = new KnexApprovalStore(knex, { table: 'thing_approvals' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.add('t1', { approver: 'user:default/bob', at: i })),
    );
    expect(outcomes.filter(o => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find(o => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.name).toBe('ConflictError');
    await store.add('t1', { approver: 'user:default/carol', comment: 'ok', at: 100 });
    await store.add('t2', { approver: 'user:default/bob', at: 5 });
    const all = await store.forSubjects(['t1', 't2', 'none']);
    expect(all.get('t1')).toEqual([
      { approver: 'user:default/bob', comment: undefined, at: expect.any(Number) },
      { approver: 'user:default/carol', comment: 'ok', at: 100 },
    ]);
    expect(all.get('t2')).toHaveLength(1);
    expect(all.has('none')).toBe(false);
    expect(await store.forSubjects([])).toEqual(new Map());
  });

  it('writes nothing when the caller rolls back, and migrates down', async () => {
    await expect(
      knex.transaction(async trx => {
        await new KnexApprovalStore(trx, { table: 'thing_approvals' }).add('t1', { approver: 'a', at: 1 });
        throw new Error('the conditional update lost');
      }),
    ).rejects.toThrow('the conditional update lost');
    expect((await new KnexApprovalStore(knex, { table: 'thing_approvals' }).forSubjects(['t1'])).size).toBe(0);
    await migration.down(knex);
    expect(await knex.schema.hasTable('thing_approvals')).toBe(false);
  });
});
