export { IntegrationNotConfiguredError, IntegrationHttpError } from './errors';
export { requireIntegrationConfig, isIntegrationConfigured, readRetryPolicy } from './config';
export { Redactor } from './redact';
export { retryingFetch, isRetryable, parseRetryAfter, sleep } from './retryingFetch';
export type { RetryPolicy } from './retryingFetch';
export { IntegrationHttpClient, vendorError } from './IntegrationHttpClient';
export type { IntegrationRequest } from './IntegrationHttpClient';
export { runStep, describeDryRun } from './actionSteps';
export type { StepContext } from './actionSteps';
