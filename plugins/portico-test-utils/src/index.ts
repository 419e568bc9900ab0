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
export { rbacTestServices } from './rbacTestServices';
export type { TestRbac } from './rbacTestServices';
export {
  arbitraryFromJsonSchema,
  arbitraryFromZod,
  countAllRows,
  fuzzRoutes,
  mutated,
} from './fuzzRoutes';
export type { FuzzFailure, FuzzReport, FuzzRequest, FuzzRoute, FuzzRoutesOptions } from './fuzzRoutes';
export {
  demoOrgEntities,
  FakeClock,
  manualScheduler,
  recordingAuditor,
  recordingNotifications,
  userAuth,
} from './testBackend';
