export { createRecordIsolationAction, RECORD_ISOLATION_ACTION_ID } from './recordIsolation';
export { SecurityClient } from './SecurityClient';
