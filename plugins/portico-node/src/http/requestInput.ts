import type express from 'express';
import type { z } from 'zod';
import { InputError } from '@backstage/errors';
import { describeZodError } from '@portico/plugin-portico-common';

/** Parses a request body or query with a -common schema; the 400 names the field. */
export function parseRequestInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new InputError(describeZodError(result.error));
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid path parameter, lower-cased; the 400 names it. */
export function uuidParam(req: express.Request, name = 'id'): string {
  const value = req.params[name];
  if (!UUID.test(value ?? '')) {
    throw new InputError(`${name}: not an id (uuid)`);
  }
  return value.toLowerCase();
}
