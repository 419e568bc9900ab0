export { ScaffolderTaskClient } from './ScaffolderTaskClient';
export type {
  ScaffolderTaskStatus,
  ScaffolderTaskEvent,
} from './ScaffolderTaskClient';
