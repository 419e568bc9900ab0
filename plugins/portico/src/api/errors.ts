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

/**
 * Splits a 400 or 409 from the server into the field it names and why (`cron: must have five
 * fields`), so that a form can show it next to that field; other refusals have no field.
 */
export function fieldErrorOf(error: Error): {
  field?: string;
  message: string;
} {
  const message = describeError(error);
  if (
    !(error instanceof ResponseError) ||
    ![400, 409].includes(error.statusCode)
  ) {
    return { message };
  }
  const match = /^([A-Za-z][\w.]*): (.+)$/s.exec(message);
  return match ? { field: match[1], message: match[2] } : { message };
}
