export { TryItService } from './TryItService';
export type { TryItServiceOptions } from './TryItService';
export { ApiDefinitions, resolveTarget } from './apiTarget';
export type { CallableApi, Target, TargetRequest } from './apiTarget';
export { readTryItSettings, DEFAULT_TRY_IT_SETTINGS, TRY_IT_METHODS } from './config';
export type { TryItSettings, TryItMethod } from './config';
export type { HostResolver, ResolvedAddress } from './addressPolicy';
export { UpstreamTimeoutError, UpstreamUnreachableError } from './errors';
export type { ConsoleKeyProvider, TryItAccess } from './ports';
