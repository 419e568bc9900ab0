export { TryItService } from './TryItService';
export type { TryItServiceOptions } from './TryItService';
export { ApiDefinitions, resolveTarget } from './apiTarget';
export type { CallableApi, Target, TargetRequest } from './apiTarget';
export { readTryItSettings, DEFAULT_TRY_IT_SETTINGS, TRY_IT_METHODS, TRY_IT_PRIVATE_TARGETS_KEY } from './config';
export type { TryItSettings, TryItMethod } from './config';
export type { ConsoleKeyProvider, TryItAccess } from './ports';
export { TryItRateLimiter, TooManyTryItCallsError } from './rateLimit';
