/**
 * Scaffolder actions that work in Microsoft 365 through Microsoft Graph (users, SharePoint, Teams, groups).
 *
 * @packageDocumentation
 */
export { scaffolderModuleM365 as default } from './module';
export * from './actions';
export { GraphApi } from './graph/GraphApi';
export { GRAPH_CONFIG_KEY, GRAPH_REQUIRED_KEYS, readGraphSettings } from './graph/graphConfig';
export type { GraphSettings } from './graph/graphConfig';
export { ServicedeskOneTimeSecretClient } from './secrets/OneTimeSecretClient';
export type { OneTimeSecretSink } from './secrets/OneTimeSecretClient';
export { generatePassword } from './secrets/password';
