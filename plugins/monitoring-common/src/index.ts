/**
 * Monitoring's shared contracts: permissions, webhook and request schemas, API types.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './schemas';
export * from './types';
export * from './annotations';
