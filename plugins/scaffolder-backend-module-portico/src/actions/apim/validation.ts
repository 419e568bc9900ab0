import { InputError } from '@backstage/errors';
import { describeZodError } from '@portico/plugin-apim-common';
import type { z } from 'zod';

/**
 * Validates with the apim backend's own schema before anything is sent, so a bad input fails the step at once
 * with the same "field: reason" message the server would give, and in a dry run too.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  options: { renameFields?: Record<string, string> } = {},
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  let message = describeZodError(result.error);
  for (const [from, to] of Object.entries(options.renameFields ?? {})) {
    if (message.startsWith(`${from}:`)) {
      message = `${to}${message.slice(from.length)}`;
    }
  }
  throw new InputError(message);
}

/** Template expressions that render to nothing give empty strings; treat them as absent. */
export function blankToUndefined(
  value: string | undefined,
): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Obviously fake, but a valid UUID, so that a dry run's outputs pass the next step's validation. */
export const DRY_RUN_ID = '00000000-0000-4000-8000-000000000000';
