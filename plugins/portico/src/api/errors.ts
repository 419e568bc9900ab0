import { ResponseError } from '@backstage/errors';

/**
 * What the server said went wrong: a ResponseError's own message is only the status line,
 * the server's explanation travels in its cause.
 */
export function describeError(error: Error): string {
  if (error instanceof ResponseError) {
    return error.cause.message || error.message;
  }
  return error.message;
}

/** The server refused the caller (no `portico.events.read` or `portico.events.retry`). */
export function isForbidden(error: Error): boolean {
  return error instanceof ResponseError && error.statusCode === 403;
}
