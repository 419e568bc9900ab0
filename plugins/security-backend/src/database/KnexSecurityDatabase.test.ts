import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { KnexSecurityDatabase, SECURITY_PACKAGE } from './KnexSecurityDatabase';

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexSecurityDatabase on %p',
  databaseId => {
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
