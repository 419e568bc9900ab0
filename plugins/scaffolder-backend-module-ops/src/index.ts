/**
 * Scaffolder actions for operations: AWX job templates, Slack and Teams messages, guarded HTTP calls.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOps as default } from './module';
export * from './actions';
