export { KeyStatusChip } from './KeyStatusChip';
