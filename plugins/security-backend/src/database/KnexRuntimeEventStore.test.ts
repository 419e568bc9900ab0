import { randomUUID } from 'crypto';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexSecurityDatabase } from './KnexSecurityDatabase';

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexRuntimeEventStore on %p',
  databaseId => {
    let db: KnexSecurityDatabase;

    beforeAll(async () => {
      db = await KnexSecurityDatabase.create({
        knex: await databases.init(databaseId),
      });
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
  },
);
