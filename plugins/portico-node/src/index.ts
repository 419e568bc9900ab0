/**
 * Backend library shared by Portico's backend plugins.
 *
 * @packageDocumentation
 */
export * from './metrics';
export * from './config';
export * from './events';
export * from './http';
export * from './database';
export * from './outbound';
export * from './approvals';
export * from './integrations';
export * from './plugin';
export * from './scaffolder';
