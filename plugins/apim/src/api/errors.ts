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

export function isForbidden(error: Error | undefined): boolean {
  return error instanceof ResponseError && error.statusCode === 403;
}

/**
 * Every APIM 400 reads `field: why` (`describeZodError`); a form shows it next to that field.
 * Anything else (or a field the form does not have) stays a message for the whole form.
 */
export function fieldErrorOf(
  error: Error,
  fields: readonly string[],
): { field?: string; message: string } {
  const message = describeError(error);
  if (!(error instanceof ResponseError) || error.statusCode !== 400) {
    return { message };
  }
  const match = /^([A-Za-z][\w.]*): (.+)$/s.exec(message);
  const field = match?.[1].split('.')[0];
  if (match && field && fields.includes(field)) {
    return { field, message: match[2] };
  }
  return { message };
}
