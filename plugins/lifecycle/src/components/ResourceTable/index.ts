export { ResourceTable, entityLink } from './ResourceTable';
