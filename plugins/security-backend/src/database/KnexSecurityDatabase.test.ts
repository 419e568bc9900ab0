import { randomUUID } from 'crypto';
import {
  createPorticoTestDatabases,
  expectUniqueViolation,
} from '@portico/portico-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { KnexSecurityDatabase, SECURITY_PACKAGE } from './KnexSecurityDatabase';
import type { FindingRecord } from './SecurityStore';

const databases = createPorticoTestDatabases();
const DAY = 86_400_000;

function finding(overrides: Partial<FindingRecord> = {}): FindingRecord {
  return {
    id: randomUUID(),
    fingerprint: randomUUID().replace(/-/g, ''),
    scanner: 'trivy',
    kind: 'vulnerability',
    ruleId: 'CVE-2024-0001',
    title: 'A flaw',
    severity: 'high',
    artifact: 'ghcr.io/acme/app:1.0',
    repository: 'ghcr.io/acme/app',
    state: 'open',
    revision: 0,
    occurrences: 1,
    firstSeenAt: 1000,
    lastSeenAt: 1000,
    dueAt: 1000 + 30 * DAY,
    updatedAt: 1000,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'KnexSecurityDatabase on %p',
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

    it('keeps the component projection and its image index', async () => {
      await db.components.upsert(
        {
          entityRef: 'component:default/app',
          ownerRef: 'group:default/team-a',
          images: ['ghcr.io/acme/app'],
          hash: 'h1',
        },
        'run-1',
        1000,
      );
      expect(
        (await db.components.byRepository('ghcr.io/acme/app'))?.entityRef,
      ).toBe('component:default/app');
      expect(
        await db.components.hashes([
          'component:default/app',
          'component:default/none',
        ]),
      ).toEqual(new Map([['component:default/app', 'h1']]));
      expect(
        await db.findings.relink(
          ['ghcr.io/acme/app'],
          {
            componentRef: 'component:default/app',
            ownerRef: 'group:default/team-a',
          },
          2000,
        ),
      ).toBeGreaterThan(0);
      await db.components.touch(['component:default/app'], 'run-2');
      expect(await db.components.removeNotSeen('run-2')).toEqual([]);
      const removed = await db.components.removeNotSeen('run-3');
      expect(removed.map(r => r.entityRef)).toEqual(['component:default/app']);
      expect(
        await db.components.byRepository('ghcr.io/acme/app'),
      ).toBeUndefined();
    });

    it('takes a Falco event uuid once', async () => {
      const event = {
        uuid: randomUUID(),
        rule: 'Terminal shell in container',
        priority: 'Critical',
        severity: 'critical' as const,
        output: 'shell',
        eventTime: 1000,
        receivedAt: 1000,
      };
      expect(await db.runtime.insertIfNew(event)).toBe(true);
      expect(await db.runtime.insertIfNew(event)).toBe(false);
      expect(
        (await db.runtime.list({}, { limit: 10, offset: 0 })).totalCount,
      ).toBe(1);
    });

    it('lists the scans that reported a finding: its first scan and the occurrences after it', async () => {
      const scan = (id: string, createdAt: number) =>
        db.scans.insert({
          id,
          scanner: 'trivy',
          artifact: 'ghcr.io/acme/app:2.0',
          repository: 'ghcr.io/acme/app',
          payloadHash: randomUUID().replace(/-/g, ''),
          actor: 'external:ci',
          summary: '{}',
          createdAt,
        });
      const [first, second, other] = [randomUUID(), randomUUID(), randomUUID()];
      await scan(first, 1000);
      await scan(second, 2000);
      await scan(other, 3000);
      const record = finding({ firstScanId: first, lastScanId: second });
      await db.findings.insertMany([record]);
      await db.scans.addOccurrences(second, [record.id], 2000);
      expect(
        (await db.scans.recentForFinding(record.id, 10)).map(s => s.id),
      ).toEqual([second, first]);
      expect(
        (await db.scans.recentForFinding(record.id, 1)).map(s => s.id),
      ).toEqual([second]);
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

    it('runs its migrations down and up again', async () => {
      const knex = await databases.init(databaseId);
      const fresh = await KnexSecurityDatabase.create({ knex });
      await fresh.knex.migrate.rollback(
        {
          directory: resolvePackagePath(SECURITY_PACKAGE, 'migrations'),
        },
        true,
      );
      expect(await knex.schema.hasTable('security_findings')).toBe(false);
      expect(await knex.schema.hasTable('security_vulnerability_tickets')).toBe(
        false,
      );
      await KnexSecurityDatabase.create({ knex });
      expect(await knex.schema.hasTable('security_findings')).toBe(true);
      expect(
        await knex.schema.hasTable('security_vulnerability_ticket_links'),
      ).toBe(true);
    });
  },
);
