import { CustomErrorBase } from '@backstage/errors';

/** The upstream did not answer in time (504); the error handler reads `statusCode`. */
export class UpstreamTimeoutError extends CustomErrorBase {
  name = 'UpstreamTimeoutError';
  readonly statusCode = 504;
}

/** The upstream could not be reached or broke the connection (502). */
export class UpstreamUnreachableError extends CustomErrorBase {
  name = 'UpstreamUnreachableError';
  readonly statusCode = 502;
}
