export * as columnValues from './columnValues';
export { migratePluginDatabase, PluginDatabase } from './PluginDatabase';
export type { KnexOrTransaction } from './PluginDatabase';
export { countOf, pageOf } from './paging';
export { isSqlite, scheduleSqliteStatistics } from './sqliteStatistics';
