import type { z } from 'zod';

/**
 * Turns the first zod issue into "field: message", the shape of every Portico 400, so that
 * a form can show it next to the field that is wrong.
 */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  const keys = (issue as { keys?: string[] }).keys;
  // A client can send an empty key: the message still starts with a field name.
  const field = (issue.path.length ? issue.path.join('.') : keys?.join(', ')) || 'body';
  return `${field}: ${issue.message}`;
}
