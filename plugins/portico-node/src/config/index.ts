export { configValidationPlugin } from './configValidationPlugin';
export { loadWorkspaceConfigSchema, validateConfig } from './validateConfig';
export { readStartupConfig } from './startupConfig';
