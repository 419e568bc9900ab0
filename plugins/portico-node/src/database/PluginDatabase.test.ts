import type { Knex } from 'knex';
import { createPorticoTestDatabases } from '@portico/portico-test-utils';
import { KnexOrTransaction, PluginDatabase } from './PluginDatabase';
import { countOf, pageOf } from './paging';

const TABLE = 'plugin_database_test_items';

interface ItemStore {
  add(name: string): Promise<void>;
  names(): Promise<string[]>;
}

class KnexItemStore implements ItemStore {
  constructor(private readonly db: KnexOrTransaction) {}
  async add(name: string) {
    await this.db(TABLE).insert({ name });
  }
  async names() {
    return (await this.db(TABLE).orderBy('name')).map(row => row.name);
  }
}

class ItemDatabase extends PluginDatabase<{ items: ItemStore }> {
  declare readonly items: ItemStore;
  constructor(knex: Knex) {
    super(knex, db => ({ items: new KnexItemStore(db) }));
  }
}

const databases = createPorticoTestDatabases();

describe.each(databases.eachSupportedId())('PluginDatabase on %p', databaseId => {
  let knex: Knex;
  let db: ItemDatabase;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.schema.createTable(TABLE, table => {
      table.string('name').primary();
    });
    db = new ItemDatabase(knex);
  });

  beforeEach(async () => {
    await knex(TABLE).delete();
  });

  it('gives the stores on the root connection and commits a transaction whole', async () => {
    await db.transaction(async tx => {
      await tx.items.add('a');
      await tx.items.add('b');
    });
    expect(await db.items.names()).toEqual(['a', 'b']);
  });

  it('rolls every store of a transaction back when it throws', async () => {
    await expect(
      db.transaction(async tx => {
        await tx.items.add('c');
        await tx.trx(TABLE).insert({ name: 'd' });
        throw new Error('part-way');
      }),
    ).rejects.toThrow('part-way');
    expect(await db.items.names()).toEqual([]);
  });

  it('pages an ordered query and counts what it was cut from', async () => {
    for (const name of ['e', 'a', 'd', 'b', 'c']) await db.items.add(name);
    const query = knex(TABLE).where('name', '<', 'e').orderBy('name');
    const page = await pageOf(query, { limit: 2, offset: 1 }, row => row.name);
    expect(page).toEqual({ items: ['b', 'c'], totalCount: 4, limit: 2, offset: 1 });
    expect(await countOf(query)).toBe(4);
  });
});
