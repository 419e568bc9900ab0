export { createRecordIsolationAction, RECORD_ISOLATION_ACTION_ID } from './recordIsolation';
export {
  createSecurityTrivyIngestAction,
  TRIVY_INGEST_ACTION_ID,
} from './ingestTrivy';
export { SecurityClient } from './SecurityClient';
