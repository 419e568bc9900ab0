export { ResourceFilters } from './ResourceFilters';
export type { FilterValues } from './ResourceFilters';
