export { BulkTriageBar } from './BulkTriageBar';
