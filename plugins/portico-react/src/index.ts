/**
 * React helpers shared by Portico's frontend plugins.
 *
 * @packageDocumentation
 */
export { useQueryObjectState } from './hooks/useQueryObjectState';
export type { QueryObject } from './hooks/useQueryObjectState';
export { useQueryParam } from './hooks/useQueryParam';
