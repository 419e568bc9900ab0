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
  demoOrgEntities,
  FakeClock,
  manualScheduler,
  recordingAuditor,
  recordingNotifications,
  userAuth,
} from './testBackend';
