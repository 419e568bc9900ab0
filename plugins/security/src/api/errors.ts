import { ResponseError } from '@backstage/errors';

/** What the server said went wrong (a ResponseError's own message is only the status line). */
export function describeError(error: Error): string {
  if (error instanceof ResponseError)
    return error.cause.message || error.message;
  return error.message;
}
