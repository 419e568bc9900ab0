import {
  createPorticoTestDatabases,
  expectUniqueViolation,
} from '@portico/portico-test-utils';
import { KnexSecurityDatabase } from './KnexSecurityDatabase';
import { finding } from '../__testUtils__/findingRecord';

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexFindingStore on %p',
  databaseId => {
    let db: KnexSecurityDatabase;

    beforeAll(async () => {
      db = await KnexSecurityDatabase.create({
        knex: await databases.init(databaseId),
      });
    });

    it('keeps one finding per fingerprint', async () => {
      const first = finding();
      await db.findings.insertMany([first]);
      await expectUniqueViolation(
        db.findings.insertMany([finding({ fingerprint: first.fingerprint })]),
      );
      expect(
        (await db.findings.byFingerprints([first.fingerprint, 'unknown'])).get(
          first.fingerprint,
        )?.id,
      ).toBe(first.id);
    });

    it('changes a finding only at the revision it was read', async () => {
      const record = finding();
      await db.findings.insertMany([record]);
      expect(
        await db.findings.update(record.id, 0, {
          state: 'acknowledged',
          at: 2000,
        }),
      ).toBe(true);
      expect(
        await db.findings.update(record.id, 0, {
          state: 'in_progress',
          at: 2001,
        }),
      ).toBe(false);
      expect(await db.findings.get(record.id)).toMatchObject({
        state: 'acknowledged',
        revision: 1,
        updatedAt: 2000,
      });
    });

    it('marks findings seen in batches and counts occurrences', async () => {
      const records = Array.from({ length: 700 }, (_, i) =>
        finding({ ruleId: `CVE-2024-${1000 + i}`, artifact: 'batch:1' }),
      );
      await db.findings.insertMany(records);
      await db.findings.markSeen(
        records.map(r => r.id),
        { at: 5000, scanId: 'scan-2', digest: 'sha256:ab' },
      );
      const again = await db.findings.byFingerprints(
        records.map(r => r.fingerprint),
      );
      expect(again.size).toBe(700);
      expect(
        [...again.values()].every(
          r =>
            r.occurrences === 2 &&
            r.lastSeenAt === 5000 &&
            r.digest === 'sha256:ab',
        ),
      ).toBe(true);
      expect(
        await db.findings.unfixedOfArtifact('batch:1', 'trivy', [
          'vulnerability',
        ]),
      ).toHaveLength(700);
      expect(
        await db.findings.unfixedOfArtifact('batch:1', 'trivy', ['secret']),
      ).toHaveLength(0);
    });

    it('filters, sorts and pages lists, overdue included', async () => {
      await db.findings.insertMany([
        finding({
          artifact: 'list:1',
          severity: 'low',
          dueAt: undefined,
          ruleId: 'CVE-2020-1111',
        }),
        finding({
          artifact: 'list:1',
          severity: 'critical',
          dueAt: 100,
          ruleId: 'CVE-2020-2222',
          pkgName: 'openssl',
        }),
        finding({
          artifact: 'list:1',
          severity: 'critical',
          dueAt: 100,
          state: 'fixed',
          ruleId: 'CVE-2020-3333',
        }),
      ]);
      const page = await db.findings.list(
        { artifact: 'list:1' },
        { limit: 2, offset: 0, sort: 'severity' },
        50_000,
      );
      expect(page.totalCount).toBe(3);
      expect(page.items.map(i => i.severity)).toEqual(['critical', 'critical']);
      const overdue = await db.findings.list(
        { artifact: 'list:1', overdue: true },
        { limit: 10, offset: 0, sort: 'due' },
        50_000,
      );
      expect(overdue.items.map(i => i.ruleId)).toEqual(['CVE-2020-2222']);
      const search = await db.findings.list(
        { artifact: 'list:1', q: 'OPENSSL' },
        { limit: 10, offset: 0, sort: 'lastSeen' },
        50_000,
      );
      expect(search.items.map(i => i.ruleId)).toEqual(['CVE-2020-2222']);
      // A search term is a literal, not a pattern.
      expect(
        (
          await db.findings.list(
            { artifact: 'list:1', q: '%' },
            { limit: 10, offset: 0, sort: 'severity' },
            50_000,
          )
        ).totalCount,
      ).toBe(0);
    });

    it("reads all of an artifact's findings of a scanner in one query, fixed ones included", async () => {
      const open = finding({
        artifact: 'ghcr.io/acme/one:1',
        scanner: 'sarif',
      });
      const fixed = finding({
        artifact: 'ghcr.io/acme/one:1',
        scanner: 'sarif',
        state: 'fixed',
        fixedAt: 5000,
      });
      await db.findings.insertMany([
        open,
        fixed,
        finding({ artifact: 'ghcr.io/acme/one:1' }),
        finding({ artifact: 'ghcr.io/acme/one:2', scanner: 'sarif' }),
      ]);
      expect(
        (await db.findings.ofArtifact('ghcr.io/acme/one:1', 'sarif'))
          .map(f => f.id)
          .sort(),
      ).toEqual([open.id, fixed.id].sort());
    });

    it('inserts a large batch in a few statements and reads it back', async () => {
      const many = Array.from({ length: 1234 }, () =>
        finding({ artifact: 'ghcr.io/acme/many:1' }),
      );
      await db.findings.insertMany(many);
      expect(
        (await db.findings.ofArtifact('ghcr.io/acme/many:1', 'trivy')).length,
      ).toBe(1234);
    });

    it('fixes many findings at once, only those still at the revision read', async () => {
      const records = Array.from({ length: 300 }, () =>
        finding({ artifact: 'ghcr.io/acme/fix:1' }),
      );
      await db.findings.insertMany(records);
      // One changed since it was read.
      await db.findings.update(records[7].id, 0, {
        state: 'acknowledged',
        at: 1500,
      });
      const moved = await db.findings.fixMany(records, 2000);
      expect(moved.size).toBe(299);
      expect(moved.has(records[7].id)).toBe(false);
      expect(await db.findings.get(records[0].id)).toMatchObject({
        state: 'fixed',
        fixedAt: 2000,
        revision: 1,
      });
      expect((await db.findings.get(records[7].id))?.state).toBe(
        'acknowledged',
      );
    });
  },
);
