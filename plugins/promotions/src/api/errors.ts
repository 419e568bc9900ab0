import { ResponseError } from '@backstage/errors';

/**
 * What the server said went wrong: a ResponseError's own message is only the status line, the
 * server's explanation travels in its cause.
 */
export function describeError(error: Error): string {
  if (error instanceof ResponseError) return error.cause.message || error.message;
  return error.message;
}

/** A 400 reads `field: why`; a form shows it next to that field. */
export function fieldErrorOf(error: Error): { field?: string; message: string } {
  const message = describeError(error);
  if (!(error instanceof ResponseError) || error.statusCode !== 400) return { message };
  const match = /^([A-Za-z][\w.]*): (.+)$/s.exec(message);
  return match ? { field: match[1], message: match[2] } : { message };
}
