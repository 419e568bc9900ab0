import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexSecurityDatabase } from './KnexSecurityDatabase';
import { finding } from '../__testUtils__/findingRecord';

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexComponentStore on %p',
  databaseId => {
    let db: KnexSecurityDatabase;

    beforeAll(async () => {
      db = await KnexSecurityDatabase.create({
        knex: await databases.init(databaseId),
      });
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
      // One finding on the component's image, one elsewhere: relink moves only the first.
      const linked = finding({ repository: 'ghcr.io/acme/app' });
      const elsewhere = finding({ repository: 'ghcr.io/acme/other' });
      await db.findings.insertMany([linked, elsewhere]);
      expect(
        await db.findings.relink(
          ['ghcr.io/acme/app'],
          {
            componentRef: 'component:default/app',
            ownerRef: 'group:default/team-a',
          },
          2000,
        ),
      ).toBe(1);
      expect(await db.findings.get(linked.id)).toMatchObject({
        componentRef: 'component:default/app',
        ownerRef: 'group:default/team-a',
        updatedAt: 2000,
      });
      expect(
        (await db.findings.get(elsewhere.id))?.componentRef,
      ).toBeUndefined();
      await db.components.touch(['component:default/app'], 'run-2');
      expect(await db.components.removeNotSeen('run-2')).toEqual([]);
      const removed = await db.components.removeNotSeen('run-3');
      expect(removed.map(r => r.entityRef)).toEqual(['component:default/app']);
      expect(
        await db.components.byRepository('ghcr.io/acme/app'),
      ).toBeUndefined();
    });
  },
);
