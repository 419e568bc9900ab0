/**
 * Test helpers shared by Portico packages.
 *
 * @packageDocumentation
 */
export {
  backendDatabaseConfig,
  createPorticoTestDatabases,
  porticoTestDatabaseIds,
  recordEngineUsed,
} from './testDatabases';
