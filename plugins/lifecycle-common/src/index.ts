/**
 * Types, permissions, zod schemas and the mandatory-tag rules shared by the lifecycle plugins.
 *
 * @packageDocumentation
 */
export * from './constants';
export * from './tags';
export * from './permissions';
export * from './types';
export * from './schemas';
