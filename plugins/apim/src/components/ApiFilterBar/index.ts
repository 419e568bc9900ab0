export { ApiFilterBar, type ApiFilters } from './ApiFilterBar';
