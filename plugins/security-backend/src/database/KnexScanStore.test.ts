import { randomUUID } from 'crypto';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexSecurityDatabase } from './KnexSecurityDatabase';
import { finding } from '../__testUtils__/findingRecord';

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexScanStore on %p',
  databaseId => {
    let db: KnexSecurityDatabase;

    beforeAll(async () => {
      db = await KnexSecurityDatabase.create({
        knex: await databases.init(databaseId),
      });
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
  },
);
