/**
 * Portico's shared contracts: the event envelope and its topics, the events page API and
 * its permissions.
 *
 * @packageDocumentation
 */
export * from './events';
export * from './permissions';
export * from './validation';
export * from './paging';
export * from './schedules';
