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
export { expectUniqueViolation } from './uniqueViolation';
