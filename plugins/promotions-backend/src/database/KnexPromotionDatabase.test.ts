import { randomUUID } from 'crypto';
import type { Knex } from 'knex';
import { ConflictError } from '@backstage/errors';
import { createPorticoTestDatabases, expectUniqueViolation } from '@portico/portico-test-utils';
import { ATTEMPTS, KnexPromotionDatabase, PROMOTIONS_MIGRATIONS_DIR } from './KnexPromotionDatabase';
import type { AttemptRecord, PromotionRecord } from './PromotionStore';

jest.setTimeout(60_000);

const databases = createPorticoTestDatabases();

function promotion(overrides: Partial<PromotionRecord> = {}): PromotionRecord {
  return {
    id: randomUUID(),
    componentRef: 'component:default/payments-gateway',
    tenant: 'acme',
    version: '1.0.0',
    fromEnvironment: 'STAGING',
    toEnvironment: 'PROD',
    justification: 'Because it is ready',
    rollbackPlan: 'Promote the previous version',
    state: 'PENDING',
    requestedBy: 'user:default/alice',
    requiredApprovals: 1,
    revision: 0,
    createdAt: 1000,
    updatedAt: 1000,
    ...overrides,
  };
}

function attempt(requestId: string, overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  return {
    id: randomUUID(),
    requestId,
    number: 1,
    executor: 'scaffolder',
    status: 'requested',
    requestedBy: 'user:default/bob',
    createdAt: 2000,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('KnexPromotionDatabase on %p', databaseId => {
  let knex: Knex;
  let db: KnexPromotionDatabase;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    db = await KnexPromotionDatabase.create({ knex });
  });

  it('migrates down and up again', async () => {
    const other = await databases.init(databaseId);
    await other.migrate.latest({ directory: PROMOTIONS_MIGRATIONS_DIR });
    await other.migrate.rollback({ directory: PROMOTIONS_MIGRATIONS_DIR }, true);
    expect(await other.schema.hasTable('promotion_requests')).toBe(false);
    expect(await other.schema.hasTable('portico_outbox')).toBe(false);
    await other.migrate.latest({ directory: PROMOTIONS_MIGRATIONS_DIR });
    expect(await other.schema.hasTable('promotion_deployment_attempts')).toBe(true);
  });

  it('round-trips a request with its optional fields', async () => {
    const record = promotion({ gitRef: 'v1', componentTitle: 'Payments', changeWindow: { start: 5000, end: 9000 }, approvedAt: 3000 });
    await db.requests.insert(record);
    expect(await db.requests.get(record.id)).toEqual(record);
  });

  it('applies an update only to the revision it read: of two concurrent transactions, one wins', async () => {
    const record = promotion();
    await db.requests.insert(record);
    const results = await Promise.allSettled(
      [1, 2].map(() =>
        db.transaction(async tx => {
          const ok = await tx.requests.update(record.id, 0, { state: 'APPROVED', at: 2000 });
          if (!ok) throw new ConflictError('lost');
          await tx.requests.addTransition(record.id, { action: 'approve', from: 'PENDING', to: 'APPROVED', actor: 'x', at: 2000 });
        }),
      ),
    );
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.requests.get(record.id)).toMatchObject({ state: 'APPROVED', revision: 1 });
    expect(await db.requests.timeline(record.id)).toHaveLength(1);
    expect(await db.requests.update(record.id, 0, { state: 'REJECTED', at: 3000 })).toBe(false);
  });

  it('records one approval per approver', async () => {
    const record = promotion();
    await db.requests.insert(record);
    await db.requests.addApproval(record.id, { approver: 'user:default/bob', at: 2000 });
    await expect(db.requests.addApproval(record.id, { approver: 'user:default/bob', at: 2001 })).rejects.toThrow(ConflictError);
    await db.requests.addApproval(record.id, { approver: 'user:default/carol', comment: 'ok', at: 2002 });
    expect((await db.requests.approvals([record.id])).get(record.id)).toEqual([
      { approver: 'user:default/bob', comment: undefined, at: 2000 },
      { approver: 'user:default/carol', comment: 'ok', at: 2002 },
    ]);
  });

  it('lists with filters and "awaiting approval by", paged, with the total', async () => {
    const tenant = `t${randomUUID().slice(0, 6)}`;
    const a = promotion({ tenant, createdAt: 1 });
    const b = promotion({ tenant, createdAt: 2, requestedBy: 'user:default/bob' });
    const c = promotion({ tenant, createdAt: 3, state: 'REJECTED' });
    const d = promotion({ tenant, createdAt: 4 });
    for (const r of [a, b, c, d]) await db.requests.insert(r);
    await db.requests.addApproval(d.id, { approver: 'user:default/bob', at: 5 });
    const page = await db.requests.list({ tenant, limit: 2, offset: 1 });
    expect(page.totalCount).toBe(4);
    expect(page.items.map(i => i.id)).toEqual([c.id, b.id]);
    const awaiting = await db.requests.list({ awaitingApprovalBy: { user: 'user:default/bob', tenants: [tenant] }, limit: 10, offset: 0 });
    expect(awaiting.items.map(i => i.id)).toEqual([a.id]);
    expect(await db.requests.count({ awaitingApprovalBy: { user: 'user:default/bob', tenants: ['other'] } })).toBe(0);
  });

  it('changes an attempt only from the expected status, and lists the unfinished ones', async () => {
    const record = promotion();
    await db.requests.insert(record);
    const first = attempt(record.id);
    await db.attempts.insert(first);
    expect(await db.attempts.update(first.id, 'requested', { status: 'running', taskId: 't1', startedAt: 3000 })).toBe(true);
    expect(await db.attempts.update(first.id, 'requested', { status: 'running', taskId: 't2' })).toBe(false);
    expect(await db.attempts.get(first.id)).toMatchObject({ status: 'running', taskId: 't1', startedAt: 3000 });
    expect((await db.attempts.unfinished(1000)).map(a => a.id)).toContain(first.id);
    await db.attempts.update(first.id, 'running', { status: 'succeeded', finishedAt: 4000 });
    expect((await db.attempts.unfinished(1000)).map(a => a.id)).not.toContain(first.id);
  });

  it('refuses a second attempt with the same number', async () => {
    const record = promotion();
    await db.requests.insert(record);
    await db.attempts.insert(attempt(record.id));
    await expectUniqueViolation(db.attempts.insert(attempt(record.id)));
    await db.attempts.insert(attempt(record.id, { number: 2 }));
    expect((await knex(ATTEMPTS).where({ request_id: record.id })).map(a => a.number).sort()).toEqual([1, 2]);
  });

  it('knows whether a version already reached an environment', async () => {
    const ref = `component:default/c-${randomUUID().slice(0, 6)}`;
    const done = promotion({ componentRef: ref, version: '2.0.0', state: 'DEPLOYED' });
    await db.requests.insert(done);
    expect(await db.requests.hasDeployed(ref, '2.0.0', 'PROD', 'other')).toBe(true);
    expect(await db.requests.hasDeployed(ref, '2.0.0', 'PROD', done.id)).toBe(false);
    expect(await db.requests.hasDeployed(ref, '2.0.1', 'PROD', 'other')).toBe(false);
  });
});
